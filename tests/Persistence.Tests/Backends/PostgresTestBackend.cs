using Npgsql;

namespace Cluster.Persistence.Tests;

/// <summary>
/// A fresh schema per test on the server named by CLUSTER_TEST_PG, dropped afterwards, so test classes run in
/// parallel without seeing each other. Without the variable the test fails: PostgreSQL is never skipped silently.
/// </summary>
public sealed class PostgresTestBackend : ITestBackend
{
    public const string Variable = "CLUSTER_TEST_PG";
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");
    private PostgresBackend? _backend;

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException(
            $"{Variable} is not set. PostgreSQL tests must run against a real server: run them through " +
            "scripts/with-postgres.sh, e.g. `scripts/with-postgres.sh dotnet test tests/Persistence.Tests`.");

    public async Task<IJournal> CreateJournalAsync(TimeProvider time) => new SqlJournal(await BackendAsync(), time);

    public async Task<ISnapshotStore> CreateSnapshotStoreAsync() => new SqlSnapshotStore(await BackendAsync());

    public async Task<ILeaseStore> CreateLeaseStoreAsync(TimeProvider time) => new SqlLeaseStore(await BackendAsync(), time);

    /// <summary>
    /// Locks the journal table from another session, then keeps terminating every backend that waits for that lock:
    /// the journal's connections are killed mid-transaction, as when a server or network dies.
    /// </summary>
    public Type BrokenWriteException => typeof(NpgsqlException);

    public async Task<IAsyncDisposable> BreakWritesAsync(IJournal journal)
    {
        var locker = new NpgsqlConnection(ConnectionString);
        await locker.OpenAsync();
        var tx = await locker.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE {_schema}.journal IN EXCLUSIVE MODE", locker, tx))
        {
            await command.ExecuteNonQueryAsync();
        }

        var stop = new CancellationTokenSource();
        var killer = Task.Run(() => KillWaitersAsync(stop.Token));
        return new Unlock(locker, tx, stop, killer);
    }

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The backend on this test's own schema, opened on first use.</summary>
    public async Task<PostgresBackend> BackendAsync() => _backend ??= await PostgresBackend.OpenAsync(ConnectionString, _schema);

    private async Task KillWaitersAsync(CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(stop);
        var sql = $"SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE NOT granted AND relation = '{_schema}.journal'::regclass; SELECT pg_sleep(0.01)";
        while (!stop.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private sealed class Unlock(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationTokenSource stop, Task killer) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await killer;
            stop.Dispose();
            await tx.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
