using System.Data.Common;

namespace Cluster.Runtime.Leases;

/// <summary>
/// Where the lease table lives: connections and the idempotent table creation. The statements themselves are the
/// same text on both engines (<see cref="LeaseTable"/>), since SQLite and PostgreSQL share upsert with RETURNING.
/// </summary>
public abstract class LeaseDatabase : IAsyncDisposable
{
    private protected LeaseDatabase(string qualifiedTable)
    {
        Table = qualifiedTable;
    }

    /// <summary>The table name as written in SQL, schema-qualified where the engine has schemas.</summary>
    public string Table { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Creates the table if missing; safe when several processes start together.</summary>
    public abstract Task CreateIfMissingAsync(CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Expiry is kept as microseconds since the Unix epoch on both engines, so one SQL text compares it.</summary>
    private protected static string CreateTableSql(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            epoch BIGINT NOT NULL,
            expires_at BIGINT NOT NULL)
        """;
}
