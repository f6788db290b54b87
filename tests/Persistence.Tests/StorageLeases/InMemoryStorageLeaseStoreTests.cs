using Cluster.Persistence.StorageLeases;

namespace Cluster.Persistence.Tests.StorageLeases;

public sealed class InMemoryStorageLeaseStoreTests : StorageLeaseStoreConformance
{
    private InMemoryStorageLeaseStore Memory => (InMemoryStorageLeaseStore)Store;

    [Fact]
    public async Task Calls_complete_synchronously_so_the_simulation_stays_deterministic()
    {
        Assert.True(Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl).IsCompletedSuccessfully);
        Assert.True(Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl).IsCompletedSuccessfully);
        Assert.True(Store.ReadAsync(Ds, Vm).IsCompletedSuccessfully);
        Memory.FailDatastore(Ds);
        Assert.True(Store.ReadAsync(Ds, Vm).IsFaulted);
    }

    [Fact]
    public async Task A_host_that_lost_its_storage_path_cannot_renew_and_others_are_unaffected()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        Memory.DisconnectHost("host-a");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl));
        Assert.Contains("host-a", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.TryAcquireAsync(Ds, "vm-2", "host-a", 1, Ttl));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.ReleaseAsync(Ds, Vm, "host-a", 1));
        Assert.True((await Store.TryAcquireAsync(Ds, "vm-2", "host-b", 1, Ttl)).Acquired);
        Assert.Equal("host-a", (await Store.ReadAsync(Ds, Vm))?.HolderHostId);

        Memory.ReconnectHost("host-a");
        Assert.NotNull(await Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl));
    }

    [Fact]
    public async Task An_isolated_host_loses_the_lease_after_a_ttl_and_a_new_incarnation_takes_it()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        Memory.DisconnectHost("host-a");

        Time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AcquireRefusal.HeldByAnother, (await Store.TryAcquireAsync(Ds, Vm, "host-b", 2, Ttl)).Refusal);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await Store.TryAcquireAsync(Ds, Vm, "host-b", 2, Ttl)).Acquired);

        Memory.ReconnectHost("host-a");
        Assert.Null(await Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl));
    }

    [Fact]
    public async Task A_datastore_that_is_down_fails_every_call_on_it_until_restored()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        Memory.FailDatastore(Ds);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.ReadAsync(Ds, Vm));
        Assert.Contains(Ds, error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.TryAcquireAsync(Ds, "vm-2", "host-b", 1, Ttl));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Store.ReleaseAsync(Ds, Vm, "host-a", 1));
        Assert.True((await Store.TryAcquireAsync("ds-2", Vm, "host-a", 1, Ttl)).Acquired);

        Memory.RestoreDatastore(Ds);
        Assert.NotNull(await Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl));
    }

    protected override Task<IStorageLeaseStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<IStorageLeaseStore>(new InMemoryStorageLeaseStore(time));
}
