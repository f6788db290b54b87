namespace Cluster.Persistence.Tests;

public sealed class ModelValidationTests
{
    [Fact]
    public void AtomicWrite_rejects_an_empty_persistence_id()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AtomicWrite("", [Events.Event("a", 1)]));
        Assert.Equal("persistenceId", ex.ParamName);
        Assert.Throws<ArgumentException>(() => new AtomicWrite(null!, [Events.Event("a", 1)]));
    }

    [Fact]
    public void AtomicWrite_rejects_non_consecutive_or_missing_events()
    {
        var gap = Assert.Throws<ArgumentException>(() => new AtomicWrite("a", [Events.Event("a", 1), Events.Event("a", 3)]));
        Assert.Equal("events", gap.ParamName);
        Assert.Contains("consecutive", gap.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AtomicWrite("a", [Events.Event("a", 2), Events.Event("a", 1)]));
        Assert.Equal("events", Assert.Throws<ArgumentException>(() => new AtomicWrite("a", [])).ParamName);
    }

    [Fact]
    public void JournalEvent_rejects_bad_fields()
    {
        Assert.Equal("sequenceNr", Assert.Throws<ArgumentException>(() => new JournalEvent(0, "M.v1", [])).ParamName);
        Assert.Equal("manifest", Assert.Throws<ArgumentException>(() => new JournalEvent(1, "", [])).ParamName);
        Assert.Equal("tags", Assert.Throws<ArgumentException>(() => new JournalEvent(1, "M.v1", [], ["a,b"])).ParamName);
    }

    [Fact]
    public async Task BatchingJournal_rejects_writes_after_dispose()
    {
        var batching = new BatchingJournal(new InMemoryJournal(new ManualTimeProvider()));
        await batching.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => { _ = batching.WriteAsync(Events.Write("a", 1)); });
    }
}
