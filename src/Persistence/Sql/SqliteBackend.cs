using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Cluster.Persistence;

/// <summary>
/// SQLite database file (the default, embedded store). WAL lets readers run beside the single writer, and
/// synchronous=NORMAL skips the fsync per commit: a power loss can lose the last commits, never corrupt the file.
/// Times are stored as INTEGER microseconds since the Unix epoch (the precision PostgreSQL keeps too).
/// </summary>
public sealed class SqliteBackend : SqlBackend
{
    private const string InsertSql =
        "INSERT INTO journal (persistence_id, sequence_nr, created, manifest, payload, writer_id, tags) " +
        "VALUES (@pid, @seq, @created, @manifest, @payload, @writer, @tags)";

    private SqliteBackend(string connectionString)
        : base(tablePrefix: "")
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    internal override string PositionFunction => "instr";

    /// <summary>Opens (creating if needed) the database and its schema. Accepts a file path or a full connection string.</summary>
    public static async Task<SqliteBackend> OpenAsync(string pathOrConnectionString, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(pathOrConnectionString);
        var connectionString = pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? pathOrConnectionString
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString }.ToString();
        var backend = new SqliteBackend(connectionString);
        await backend.ExecuteScriptAsync(SqliteSchema.Script, cancellationToken).ConfigureAwait(false);
        return backend;
    }

    internal override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // synchronous is per connection (journal_mode=WAL is stored in the file by the schema script).
            await using var pragma = connection.Command("PRAGMA synchronous=NORMAL;");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal override object ToDbTime(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    internal override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(ordinal) * TimeSpan.TicksPerMicrosecond);

    internal override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE or SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY };

    /// <summary>In-process, so one prepared statement re-bound per row beats building a multi-row statement.</summary>
    internal override async Task InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, DateTimeOffset created, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(InsertSql, transaction)
            .With("@pid", "").With("@seq", 0L).With("@created", ToDbTime(created))
            .With("@manifest", "").With("@payload", Array.Empty<byte>()).With("@writer", "").With("@tags", "");
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var p = command.Parameters;
        foreach (var write in writes)
        {
            p[0].Value = write.PersistenceId;
            p[5].Value = write.WriterId;
            foreach (var e in write.Events)
            {
                p[1].Value = e.SequenceNr;
                p[3].Value = e.Manifest;
                p[4].Value = e.Payload;
                p[6].Value = TagCodec.Encode(e.Tags);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
