using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Cluster.Persistence;

/// <summary>
/// PostgreSQL (production). All tables live in one schema, created if missing, so several clusters or test runs can
/// share a server. A batch of events goes in as one INSERT over unnest(arrays): one prepared statement and one round
/// trip whatever the batch size.
/// </summary>
public sealed partial class PostgresBackend : SqlBackend
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _insertSql;

    private PostgresBackend(NpgsqlDataSource dataSource, string schema)
        : base(tablePrefix: schema + ".")
    {
        _dataSource = dataSource;
        Schema = schema;
        _insertSql =
            $"INSERT INTO {JournalTable} (persistence_id, sequence_nr, created, manifest, payload, writer_id, tags) " +
            "SELECT pid, seq, @created, manifest, payload, writer, tags " +
            "FROM unnest(@pid, @seq, @manifest, @payload, @writer, @tags) " +
            "WITH ORDINALITY AS e(pid, seq, manifest, payload, writer, tags, n) ORDER BY n";
    }

    public string Schema { get; }

    internal override string PositionFunction => "strpos";

    /// <summary>Connects and creates the schema and tables if missing. The schema name must be a plain lower-case identifier.</summary>
    public static async Task<PostgresBackend> OpenAsync(string connectionString, string schema = "public", CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(connectionString);
        if (schema is null || !Identifier().IsMatch(schema))
        {
            throw new ArgumentException($"{nameof(schema)} must match [a-z_][a-z0-9_]* but was '{schema}'.", nameof(schema));
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // The stores issue a handful of fixed statements; preparing them saves parse/plan per call.
            builder.MaxAutoPrepare = 32;
        }

        var backend = new PostgresBackend(NpgsqlDataSource.Create(builder), schema);
        try
        {
            await backend.CreateIfMissingAsync(PostgresSchema.Script(schema), cancellationToken).ConfigureAwait(false);
            return backend;
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs schema DDL under one database-wide advisory lock. CREATE ... IF NOT EXISTS is not safe when two
    /// processes create the same objects at once (PostgreSQL then reports a unique violation in its catalog),
    /// and controller replicas and host nodes do start together against a fresh database.
    /// </summary>
    internal async Task CreateIfMissingAsync(string ddl, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey})", connection, transaction))
                {
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var command = new NpgsqlCommand(ddl, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Any fixed number works; it only has to be the same for every process that creates the schema.
    private const long SchemaLockKey = 0x636c757374657201;

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    internal override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    internal override object ToDbTime(DateTimeOffset time) => time.ToUniversalTime();

    internal override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    internal override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    internal override async Task InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, DateTimeOffset created, CancellationToken cancellationToken)
    {
        var count = writes.Sum(w => w.Events.Count);
        var pids = new string[count];
        var seqs = new long[count];
        var manifests = new string[count];
        var payloads = new byte[count][];
        var writers = new string[count];
        var tags = new string[count];
        var i = 0;
        foreach (var write in writes)
        {
            foreach (var e in write.Events)
            {
                pids[i] = write.PersistenceId;
                seqs[i] = e.SequenceNr;
                manifests[i] = e.Manifest;
                payloads[i] = e.Payload;
                writers[i] = write.WriterId;
                tags[i] = TagCodec.Encode(e.Tags);
                i++;
            }
        }

        await using var command = new NpgsqlCommand(_insertSql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter("created", NpgsqlDbType.TimestampTz) { Value = ToDbTime(created) });
        command.Parameters.Add(new NpgsqlParameter("pid", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = pids });
        command.Parameters.Add(new NpgsqlParameter("seq", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = seqs });
        command.Parameters.Add(new NpgsqlParameter("manifest", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = manifests });
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = payloads });
        command.Parameters.Add(new NpgsqlParameter("writer", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = writers });
        command.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tags });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
