using Cluster.Persistence.StorageLeases;

namespace Cluster.Persistence.Tests.StorageLeases;

/// <summary>What every <see cref="IStorageLeaseStore"/> backend must do; one subclass per backend. Time moves only by Advance.</summary>
public abstract class StorageLeaseStoreConformance : IAsyncLifetime
{
    protected const string Ds = "ds-1";
    protected const string Vm = "vm-1";
    protected static readonly TimeSpan Ttl = StorageLeaseDefaults.Ttl;

    protected ManualTimeProvider Time { get; } = new();

    protected IStorageLeaseStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync(Time);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Acquire_a_free_lease_records_holder_incarnation_and_renewal_time()
    {
        Assert.Null(await Store.ReadAsync(Ds, Vm));

        var result = await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);

        Assert.True(result.Acquired);
        Assert.Equal(new StorageLease(Ds, Vm, "host-a", 1, 1, Time.GetUtcNow(), Ttl, Released: false), result.Lease);
        Assert.Equal(result.Lease, await Store.ReadAsync(Ds, Vm));
        Assert.True(result.Lease.IsFreshAt(Time.GetUtcNow()));
    }

    [Fact]
    public async Task Same_holder_and_incarnation_reacquiring_renews()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        Time.Advance(TimeSpan.FromSeconds(5));

        var again = await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);

        Assert.True(again.Acquired);
        Assert.Equal(new StorageLease(Ds, Vm, "host-a", 1, 2, Time.GetUtcNow(), Ttl, Released: false), again.Lease);
    }

    [Fact]
    public async Task Renew_keeps_the_lease_fresh_and_moves_the_counter()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        for (var i = 0; i < 10; i++)
        {
            Time.Advance(StorageLeaseDefaults.RenewInterval);
            var renewed = await Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl);
            Assert.Equal(new StorageLease(Ds, Vm, "host-a", 1, i + 2, Time.GetUtcNow(), Ttl, Released: false), renewed);
        }

        Time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.True((await Store.ReadAsync(Ds, Vm))!.IsFreshAt(Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_lease_not_renewed_for_a_ttl_expires_and_can_no_longer_be_renewed()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        Time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.True((await Store.ReadAsync(Ds, Vm))!.IsFreshAt(Time.GetUtcNow()));

        Time.Advance(TimeSpan.FromMilliseconds(1));

        var lease = await Store.ReadAsync(Ds, Vm);
        Assert.False(lease!.IsFreshAt(Time.GetUtcNow()));
        Assert.Equal(Time.GetUtcNow(), lease.ExpiresAt);
        Assert.Null(await Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl));
    }

    [Fact]
    public async Task A_fresh_lease_cannot_be_taken_even_by_a_higher_incarnation()
    {
        var held = (await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl)).Lease;
        Time.Advance(Ttl - TimeSpan.FromMilliseconds(1));

        var other = await Store.TryAcquireAsync(Ds, Vm, "host-b", 2, Ttl);
        var sameHostNewRun = await Store.TryAcquireAsync(Ds, Vm, "host-a", 2, Ttl);

        Assert.Equal(new AcquireResult(held, AcquireRefusal.HeldByAnother), other);
        Assert.Equal(new AcquireResult(held, AcquireRefusal.HeldByAnother), sameHostNewRun);
        Assert.Equal(held, await Store.ReadAsync(Ds, Vm));
    }

    [Fact]
    public async Task A_higher_incarnation_takes_over_only_after_expiry()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        Time.Advance(Ttl);

        var taken = await Store.TryAcquireAsync(Ds, Vm, "host-b", 2, Ttl);

        Assert.True(taken.Acquired);
        Assert.Equal(new StorageLease(Ds, Vm, "host-b", 2, 2, Time.GetUtcNow(), Ttl, Released: false), taken.Lease);
    }

    [Fact]
    public async Task An_expired_lease_is_not_taken_by_an_incarnation_that_is_not_higher()
    {
        var old = (await Store.TryAcquireAsync(Ds, Vm, "host-a", 5, Ttl)).Lease;
        Time.Advance(Ttl);

        Assert.Equal(new AcquireResult(old, AcquireRefusal.StaleIncarnation), await Store.TryAcquireAsync(Ds, Vm, "host-b", 5, Ttl));
        Assert.Equal(new AcquireResult(old, AcquireRefusal.StaleIncarnation), await Store.TryAcquireAsync(Ds, Vm, "host-b", 4, Ttl));
    }

    [Fact]
    public async Task The_stale_incarnation_cannot_renew_reacquire_or_release_after_a_takeover()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        Time.Advance(Ttl);
        var taken = (await Store.TryAcquireAsync(Ds, Vm, "host-b", 2, Ttl)).Lease;

        Assert.Null(await Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl));
        Assert.False(await Store.ReleaseAsync(Ds, Vm, "host-a", 1));
        Assert.Equal(new AcquireResult(taken, AcquireRefusal.HeldByAnother), await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl));
        Assert.Equal(taken, await Store.ReadAsync(Ds, Vm));
        Assert.NotNull(await Store.RenewAsync(Ds, Vm, "host-b", 2, Ttl));
    }

    [Fact]
    public async Task Racing_acquirers_have_exactly_one_winner()
    {
        async Task<AcquireResult[]> RaceAsync(long incarnation) => await Task.WhenAll(Enumerable.Range(0, 24)
            .Select(i => Task.Run(() => Store.TryAcquireAsync(Ds, Vm, $"host-{i}", incarnation, Ttl))));

        var first = await RaceAsync(1);
        var winner = Assert.Single(first, r => r.Acquired);
        Assert.All(first.Where(r => !r.Acquired), r => Assert.Equal(winner.Lease.HolderHostId, r.Lease.HolderHostId));
        Assert.Equal(winner.Lease, await Store.ReadAsync(Ds, Vm));

        Time.Advance(Ttl);
        var second = await RaceAsync(2);
        var next = Assert.Single(second, r => r.Acquired);
        Assert.Equal(next.Lease, await Store.ReadAsync(Ds, Vm));
    }

    [Fact]
    public async Task Racing_renewals_and_a_takeover_never_leave_two_holders()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl);
        Time.Advance(Ttl);

        // The old holder keeps renewing while two new incarnations race for the expired lease.
        var renewals = Enumerable.Range(0, 8).Select(_ => Task.Run(async () => (object?)await Store.RenewAsync(Ds, Vm, "host-a", 1, Ttl)));
        var takeovers = new[] { ("host-b", 2L), ("host-c", 2L) }
            .Select(t => Task.Run(async () => (object?)await Store.TryAcquireAsync(Ds, Vm, t.Item1, t.Item2, Ttl)));
        var results = await Task.WhenAll(renewals.Concat(takeovers));

        Assert.All(results.OfType<StorageLease>(), Assert.Null);
        var winner = Assert.Single(results.OfType<AcquireResult>(), r => r.Acquired);
        Assert.Equal(winner.Lease, await Store.ReadAsync(Ds, Vm));
    }

    [Fact]
    public async Task Release_frees_the_lease_for_a_higher_incarnation_at_once()
    {
        await Store.TryAcquireAsync(Ds, Vm, "host-a", 3, Ttl);
        Assert.False(await Store.ReleaseAsync(Ds, Vm, "host-b", 3));
        Assert.False(await Store.ReleaseAsync(Ds, Vm, "host-a", 2));

        Assert.True(await Store.ReleaseAsync(Ds, Vm, "host-a", 3));

        var released = await Store.ReadAsync(Ds, Vm);
        Assert.Equal(new StorageLease(Ds, Vm, "host-a", 3, 2, Time.GetUtcNow(), Ttl, Released: true), released);
        Assert.False(released!.IsFreshAt(Time.GetUtcNow()));
        Assert.False(await Store.ReleaseAsync(Ds, Vm, "host-a", 3));
        Assert.Null(await Store.RenewAsync(Ds, Vm, "host-a", 3, Ttl));
        Assert.Equal(AcquireRefusal.StaleIncarnation, (await Store.TryAcquireAsync(Ds, Vm, "host-b", 3, Ttl)).Refusal);
        Assert.Equal(3, (await Store.TryAcquireAsync(Ds, Vm, "host-b", 4, Ttl)).Lease.Counter);
    }

    [Fact]
    public async Task Leases_are_independent_per_datastore_and_vm()
    {
        Assert.True((await Store.TryAcquireAsync(Ds, Vm, "host-a", 1, Ttl)).Acquired);
        Assert.True((await Store.TryAcquireAsync(Ds, "vm-2", "host-b", 1, Ttl)).Acquired);
        Assert.True((await Store.TryAcquireAsync("ds-2", Vm, "host-c", 1, Ttl)).Acquired);

        Assert.Equal("host-b", (await Store.ReadAsync(Ds, "vm-2"))?.HolderHostId);
        Assert.Equal("host-c", (await Store.ReadAsync("ds-2", Vm))?.HolderHostId);
    }

    [Fact]
    public async Task Bad_arguments_name_the_field()
    {
        async Task<string?> Field(Func<Task> call) => (await Assert.ThrowsAsync<ArgumentException>(call)).ParamName;

        Assert.Equal("datastoreId", await Field(() => Store.TryAcquireAsync("", Vm, "h", 1, Ttl)));
        Assert.Equal("vmId", await Field(() => Store.ReadAsync(Ds, "")));
        Assert.Equal("holderHostId", await Field(() => Store.RenewAsync(Ds, Vm, "", 1, Ttl)));
        Assert.Equal("incarnation", await Field(() => Store.ReleaseAsync(Ds, Vm, "h", 0)));
        Assert.Equal("ttl", await Field(() => Store.TryAcquireAsync(Ds, Vm, "h", 1, TimeSpan.Zero)));
    }

    protected abstract Task<IStorageLeaseStore> CreateStoreAsync(TimeProvider time);
}
