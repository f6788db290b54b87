namespace Cluster.Persistence.Tests;

public sealed class InMemoryTestBackend : ITestBackend
{
    public Task<IJournal> CreateJournalAsync(TimeProvider time) => Task.FromResult<IJournal>(new InMemoryJournal(time));

    public Task<ISnapshotStore> CreateSnapshotStoreAsync() => Task.FromResult<ISnapshotStore>(new InMemorySnapshotStore());

    public Task<ILeaseStore> CreateLeaseStoreAsync(TimeProvider time) => Task.FromResult<ILeaseStore>(new InMemoryLeaseStore(time));

    public Type BrokenWriteException => typeof(InvalidOperationException);

    public Task<IAsyncDisposable> BreakWritesAsync(IJournal journal)
    {
        var memory = (InMemoryJournal)journal;
        memory.WriteFault = () => new InvalidOperationException("storage unavailable (injected)");
        return Task.FromResult<IAsyncDisposable>(new Restore(memory));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Restore(InMemoryJournal journal) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            journal.WriteFault = null;
            return ValueTask.CompletedTask;
        }
    }
}
