namespace Cluster.Persistence.Tests;

/// <summary>What every <see cref="ISnapshotStore"/> backend must do; one subclass per backend.</summary>
public abstract class SnapshotStoreConformance : BackendTest
{
    protected ISnapshotStore Store { get; private set; } = null!;

    [Fact]
    public async Task LoadLatest_returns_the_highest_sequence_nr_with_all_fields()
    {
        Assert.Null(await Store.LoadLatestAsync("a"));
        await Store.SaveAsync(Snap("a", 10));
        await Store.SaveAsync(Snap("a", 30));
        await Store.SaveAsync(Snap("a", 20));
        await Store.SaveAsync(Snap("b", 99));

        var latest = await Store.LoadLatestAsync("a");

        Assert.NotNull(latest);
        Assert.Equal(30, latest.SequenceNr);
        Assert.Equal("a", latest.PersistenceId);
        Assert.Equal("State.v1", latest.Manifest);
        Assert.Equal([30, 0, 0, 0], latest.Payload);
        Assert.Equal(Time.GetUtcNow().AddSeconds(30), latest.Timestamp);
    }

    [Fact]
    public async Task LoadLatest_honours_max_sequence_nr()
    {
        await Store.SaveAsync(Snap("a", 10));
        await Store.SaveAsync(Snap("a", 20));

        Assert.Equal(10, (await Store.LoadLatestAsync("a", maxSequenceNr: 19))?.SequenceNr);
        Assert.Equal(20, (await Store.LoadLatestAsync("a", maxSequenceNr: 20))?.SequenceNr);
        Assert.Null(await Store.LoadLatestAsync("a", maxSequenceNr: 9));
    }

    [Fact]
    public async Task Saving_the_same_sequence_nr_replaces_the_snapshot()
    {
        await Store.SaveAsync(Snap("a", 10));
        await Store.SaveAsync(Snap("a", 10) with { Manifest = "State.v2", Payload = [7] });

        var latest = await Store.LoadLatestAsync("a");
        Assert.Equal("State.v2", latest?.Manifest);
        Assert.Equal([7], latest?.Payload);
    }

    [Fact]
    public async Task DeleteOlderThan_keeps_the_given_and_newer_ones()
    {
        foreach (var seq in new[] { 10L, 20, 30 })
        {
            await Store.SaveAsync(Snap("a", seq));
        }

        await Store.SaveAsync(Snap("b", 5));

        await Store.DeleteOlderThanAsync("a", 20);

        Assert.Null(await Store.LoadLatestAsync("a", maxSequenceNr: 19));
        Assert.Equal(20, (await Store.LoadLatestAsync("a", maxSequenceNr: 29))?.SequenceNr);
        Assert.Equal(30, (await Store.LoadLatestAsync("a"))?.SequenceNr);
        Assert.Equal(5, (await Store.LoadLatestAsync("b"))?.SequenceNr);
    }

    [Fact]
    public async Task Bad_arguments_name_the_field()
    {
        Assert.Equal("persistenceId", (await Assert.ThrowsAsync<ArgumentException>(() => Store.LoadLatestAsync(""))).ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(Snap("a", 0)));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteOlderThanAsync("", 1));
    }

    protected override async Task InitializeStoreAsync(ITestBackend backend) => Store = await backend.CreateSnapshotStoreAsync();

    private Snapshot Snap(string persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, Time.GetUtcNow().AddSeconds(sequenceNr), "State.v1", BitConverter.GetBytes((int)sequenceNr));
}
