using System.Data.Common;

namespace Cluster.Persistence;

/// <summary>
/// A SQL database holding the journal, snapshot and lease tables. The stores (<see cref="SqlJournal"/>,
/// <see cref="SqlSnapshotStore"/>, <see cref="SqlLeaseStore"/>) share one portable SQL text; a backend only
/// supplies connections, table names, time encoding and the bulk event insert, which is where engines differ most.
/// </summary>
public abstract class SqlBackend : IAsyncDisposable
{
    private protected SqlBackend(string tablePrefix)
    {
        JournalTable = tablePrefix + "journal";
        DeletedToTable = tablePrefix + "journal_deleted_to";
        SnapshotTable = tablePrefix + "snapshots";
        LeaseTable = tablePrefix + "leases";
    }

    internal string JournalTable { get; }

    /// <summary>Per persistence id, the highest sequence nr deleted, so the highest nr outlives its rows.</summary>
    internal string DeletedToTable { get; }

    internal string SnapshotTable { get; }

    internal string LeaseTable { get; }

    /// <summary>Name of the SQL function giving the 1-based position of a substring (0 if absent).</summary>
    internal abstract string PositionFunction { get; }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    internal abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    internal abstract object ToDbTime(DateTimeOffset time);

    internal abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    internal abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Inserts every event of the writes inside the transaction; throws on a unique violation.</summary>
    internal abstract Task InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, DateTimeOffset created, CancellationToken cancellationToken);

    /// <summary>Runs the schema script on a fresh connection; each statement is idempotent.</summary>
    private protected async Task ExecuteScriptAsync(string script, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Command(script);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
