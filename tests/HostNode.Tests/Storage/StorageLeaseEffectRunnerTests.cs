using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Storage;

public sealed class StorageLeaseEffectRunnerTests
{
    private static readonly VmId Web = VmId.From("vm-0001");
    private readonly InMemoryStorageLeaseStore _store = new(new FixedTime(T0));

    private StorageLeaseEffectRunner Runner(string host = "host-1") => new(_store, HostId.From(host), StorageLeaseDefaults.Ttl);

    [Fact]
    public async Task A_second_host_is_refused_the_lease_the_first_one_took()
    {
        var first = (StorageLeaseAcquired)(await Runner().RunAsync(new AcquireStorageLease(Ds1, Web, 1, T0, null)))!;
        var second = (StorageLeaseAcquired)(await Runner("host-2").RunAsync(new AcquireStorageLease(Ds1, Web, 1, T0, "ctx")))!;

        Assert.True(first.Result!.Acquired);
        Assert.Equal(AcquireRefusal.HeldByAnother, second.Result!.Refusal);
        Assert.Equal("host-1", second.Result.Lease.HolderHostId);
        Assert.Equal("ctx", second.Request.Context);
    }

    [Fact]
    public async Task A_host_cut_off_from_storage_gets_errors_and_failed_renewals_not_faulted_tasks()
    {
        await Runner().RunAsync(new AcquireStorageLease(Ds1, Web, 1, T0, null));
        _store.DisconnectHost("host-1");

        var acquire = (StorageLeaseAcquired)(await Runner().RunAsync(new AcquireStorageLease(Ds1, Web, 2, T0, null)))!;
        var renew = (StorageLeaseRenewed)(await Runner().RunAsync(new RenewStorageLease(Ds1, Web, 1, T0)))!;

        Assert.Null(acquire.Result);
        Assert.False(string.IsNullOrEmpty(acquire.Error));
        Assert.Equal(RenewalOutcome.Failed, renew.Outcome);
    }

    [Fact]
    public async Task A_released_lease_is_lost_to_its_holders_next_renewal()
    {
        await Runner().RunAsync(new AcquireStorageLease(Ds1, Web, 1, T0, null));

        var release = await Runner().RunAsync(new ReleaseStorageLease(Ds1, Web, 1));
        var renew = (StorageLeaseRenewed)(await Runner().RunAsync(new RenewStorageLease(Ds1, Web, 1, T0)))!;

        Assert.Null(release);
        Assert.Equal(RenewalOutcome.Lost, renew.Outcome);
    }

    [Fact]
    public async Task The_probe_reports_each_datastore_and_why_a_failed_one_is_unreachable()
    {
        var ds2 = DatastoreId.From("ds-2");
        _store.FailDatastore(ds2.Value);

        var probed = (DatastoresProbed)(await Runner().RunAsync(new ProbeDatastores([Ds1, ds2])))!;

        Assert.Equal(new DatastoreHealth(Ds1, true), probed.Health[0]);
        Assert.False(probed.Health[1].Reachable);
        Assert.False(string.IsNullOrEmpty(probed.Health[1].Problem));
        Assert.Null((await _store.ReadAsync(Ds1.Value, StorageLeaseEffectRunner.ProbeVmId)));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
