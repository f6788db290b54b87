using Microsoft.Data.Sqlite;

namespace Cluster.Persistence.Tests;

/// <summary>A fresh database file per test, deleted afterwards.</summary>
public sealed class SqliteTestBackend : ITestBackend
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cluster-sqlite-").FullName;
    private SqliteBackend? _backend;

    private string Path => System.IO.Path.Combine(_dir, "cluster.db");

    public async Task<IJournal> CreateJournalAsync(TimeProvider time) => new SqlJournal(await BackendAsync(), time);

    public async Task<ISnapshotStore> CreateSnapshotStoreAsync() => new SqlSnapshotStore(await BackendAsync());

    public async Task<ILeaseStore> CreateLeaseStoreAsync(TimeProvider time) => new SqlLeaseStore(await BackendAsync(), time);

    /// <summary>
    /// Another connection (as another process would) takes the database's write lock; the journal's transactions
    /// then fail with SQLITE_BUSY once the busy timeout (1 s here) runs out.
    /// </summary>
    public Type BrokenWriteException => typeof(SqliteException);

    public async Task<IAsyncDisposable> BreakWritesAsync(IJournal journal)
    {
        var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        await blocker.OpenAsync();
        var tx = blocker.BeginTransaction(deferred: false);
        return new Unblock(blocker, tx);
    }

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<SqliteBackend> BackendAsync() =>
        _backend ??= await SqliteBackend.OpenAsync(new SqliteConnectionStringBuilder { DataSource = Path, DefaultTimeout = 1 }.ToString());

    private sealed class Unblock(SqliteConnection connection, SqliteTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await tx.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
