namespace Cluster.Persistence.Tests;

/// <summary>One storage backend as the conformance suites see it: fresh, isolated stores per test.</summary>
public interface ITestBackend : IAsyncDisposable
{
    Task<IJournal> CreateJournalAsync(TimeProvider time);

    Task<ISnapshotStore> CreateSnapshotStoreAsync();

    Task<ILeaseStore> CreateLeaseStoreAsync(TimeProvider time);

    /// <summary>Makes the journal's writes fail for real (lock, killed connection, ...) until the handle is disposed.</summary>
    Task<IAsyncDisposable> BreakWritesAsync(IJournal journal);

    /// <summary>The exception type a write fails with while <see cref="BreakWritesAsync"/> is in force.</summary>
    Type BrokenWriteException { get; }
}
