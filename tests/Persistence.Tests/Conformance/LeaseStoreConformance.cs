namespace Cluster.Persistence.Tests;

/// <summary>What every <see cref="ILeaseStore"/> backend must do; one subclass per backend. Time moves only by Advance.</summary>
public abstract class LeaseStoreConformance : BackendTest
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    protected ILeaseStore Store { get; private set; } = null!;

    [Fact]
    public async Task Acquire_a_free_lease_starts_at_epoch_1_and_excludes_others()
    {
        Assert.Null(await Store.ReadAsync("vrm"));

        var lease = await Store.TryAcquireAsync("vrm", "node-a", Ttl);

        Assert.Equal(new Lease("vrm", "node-a", 1, Time.GetUtcNow() + Ttl), lease);
        Assert.Equal(lease, await Store.ReadAsync("vrm"));
        Time.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.Null(await Store.TryAcquireAsync("vrm", "node-b", Ttl));
        Assert.Equal("node-a", (await Store.ReadAsync("vrm"))?.Holder);
    }

    [Fact]
    public async Task Holder_reacquiring_its_live_lease_keeps_the_epoch_and_extends_it()
    {
        await Store.TryAcquireAsync("vrm", "node-a", Ttl);
        Time.Advance(TimeSpan.FromSeconds(5));

        var again = await Store.TryAcquireAsync("vrm", "node-a", Ttl);

        Assert.Equal(new Lease("vrm", "node-a", 1, Time.GetUtcNow() + Ttl), again);
    }

    [Fact]
    public async Task Renew_extends_until_the_lease_expires()
    {
        var lease = await Store.TryAcquireAsync("vrm", "node-a", Ttl);
        Time.Advance(TimeSpan.FromSeconds(9));

        var renewed = await Store.TryRenewAsync("vrm", "node-a", lease!.Epoch, Ttl);
        Assert.Equal(new Lease("vrm", "node-a", 1, Time.GetUtcNow() + Ttl), renewed);

        Time.Advance(Ttl);
        Assert.Null(await Store.TryRenewAsync("vrm", "node-a", lease.Epoch, Ttl));
    }

    [Fact]
    public async Task Expiry_allows_takeover_with_a_higher_epoch_and_fences_the_old_holder()
    {
        var old = await Store.TryAcquireAsync("vrm", "node-a", Ttl);
        Time.Advance(Ttl);

        var taken = await Store.TryAcquireAsync("vrm", "node-b", Ttl);

        Assert.Equal(new Lease("vrm", "node-b", 2, Time.GetUtcNow() + Ttl), taken);
        Assert.Null(await Store.TryRenewAsync("vrm", "node-a", old!.Epoch, Ttl));
        Assert.False(await Store.ReleaseAsync("vrm", "node-a", old.Epoch));
        Assert.Null(await Store.TryAcquireAsync("vrm", "node-a", Ttl));
        Assert.Equal(taken, await Store.ReadAsync("vrm"));
    }

    [Fact]
    public async Task Stale_epoch_renew_fails_even_for_the_same_holder()
    {
        var first = await Store.TryAcquireAsync("vrm", "node-a", Ttl);
        Time.Advance(Ttl);
        var second = await Store.TryAcquireAsync("vrm", "node-a", Ttl);

        // A new tenure after expiry gets a new epoch: commands stamped with the old one are fenced.
        Assert.Equal(first!.Epoch + 1, second!.Epoch);
        Assert.Null(await Store.TryRenewAsync("vrm", "node-a", first.Epoch, Ttl));
        Assert.NotNull(await Store.TryRenewAsync("vrm", "node-a", second.Epoch, Ttl));
    }

    [Fact]
    public async Task Release_frees_the_lease_and_the_next_tenure_gets_a_higher_epoch()
    {
        var lease = await Store.TryAcquireAsync("vrm", "node-a", Ttl);
        Assert.False(await Store.ReleaseAsync("vrm", "node-a", lease!.Epoch + 1));
        Assert.False(await Store.ReleaseAsync("vrm", "node-b", lease.Epoch));

        Assert.True(await Store.ReleaseAsync("vrm", "node-a", lease.Epoch));

        Assert.Null(await Store.TryRenewAsync("vrm", "node-a", lease.Epoch, Ttl));
        Assert.Equal(2, (await Store.TryAcquireAsync("vrm", "node-b", Ttl))?.Epoch);
    }

    [Fact]
    public async Task Racing_acquirers_have_exactly_one_winner()
    {
        async Task<Lease?[]> RaceAsync(string prefix) =>
            await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => Store.TryAcquireAsync("vrm", $"{prefix}-{i}", Ttl))));

        var first = (await RaceAsync("first")).OfType<Lease>().ToList();
        Assert.Single(first);
        Assert.Equal(first[0], await Store.ReadAsync("vrm"));

        Time.Advance(Ttl);
        var second = (await RaceAsync("second")).OfType<Lease>().ToList();
        Assert.Single(second);
        Assert.Equal(2, second[0].Epoch);
    }

    [Fact]
    public async Task Leases_are_independent_by_name()
    {
        Assert.NotNull(await Store.TryAcquireAsync("vrm", "node-a", Ttl));
        Assert.NotNull(await Store.TryAcquireAsync("drs", "node-b", Ttl));
        Assert.Equal("node-b", (await Store.ReadAsync("drs"))?.Holder);
    }

    [Fact]
    public async Task Bad_arguments_name_the_field()
    {
        Assert.Equal("name", (await Assert.ThrowsAsync<ArgumentException>(() => Store.TryAcquireAsync("", "a", Ttl))).ParamName);
        Assert.Equal("holder", (await Assert.ThrowsAsync<ArgumentException>(() => Store.TryAcquireAsync("vrm", "", Ttl))).ParamName);
        Assert.Equal("ttl", (await Assert.ThrowsAsync<ArgumentException>(() => Store.TryAcquireAsync("vrm", "a", TimeSpan.Zero))).ParamName);
    }

    protected override async Task InitializeStoreAsync(ITestBackend backend) => Store = await backend.CreateLeaseStoreAsync(Time);
}
