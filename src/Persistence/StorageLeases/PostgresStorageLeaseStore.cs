using System.Data.Common;
using Cluster.Runtime.Sql;
using Npgsql;

namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// Storage leases in one PostgreSQL table, <c>&lt;schema&gt;.storage_leases</c>, on a data source the store owns. Every write is a single statement whose WHERE
/// clause is the compare-and-set of <see cref="StorageLeaseRules"/>: the row lock serializes racing hosts and a loser's
/// statement matches no row. Time comes from the injected clock (the same one the other backends use), so hosts and
/// controller must keep their clocks in sync (NTP) well within the 5 s between fence-after and ttl.
/// </summary>
public sealed class PostgresStorageLeaseStore : IStorageLeaseStore, IAsyncDisposable
{
    private const string Columns = "holder, incarnation, counter, renewed_at, ttl_us, released";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly string _acquireSql;
    private readonly string _renewSql;
    private readonly string _readSql;
    private readonly string _releaseSql;

    private PostgresStorageLeaseStore(NpgsqlDataSource dataSource, string schema, TimeProvider time)
    {
        _dataSource = dataSource;
        _time = time;
        var t = Table(schema);
        const string key = "l.datastore_id = @ds AND l.vm_id = @vm";
        const string ours = "l.holder = @holder AND l.incarnation = @inc";
        const string fresh = "NOT l.released AND @now < l.renewed_at + l.ttl_us * interval '1 microsecond'";
        _acquireSql = $"INSERT INTO {t} AS l (datastore_id, vm_id, {Columns}) VALUES (@ds, @vm, @holder, @inc, 1, @now, @ttl, false) " +
            "ON CONFLICT (datastore_id, vm_id) DO UPDATE SET holder = excluded.holder, incarnation = excluded.incarnation, " +
            "counter = l.counter + 1, renewed_at = excluded.renewed_at, ttl_us = excluded.ttl_us, released = false " +
            $"WHERE ({ours}) OR (NOT ({fresh}) AND l.incarnation < @inc) RETURNING {Columns}";
        _renewSql = $"UPDATE {t} AS l SET counter = l.counter + 1, renewed_at = @now, ttl_us = @ttl WHERE {key} AND {ours} AND {fresh} RETURNING {Columns}";
        _readSql = $"SELECT {Columns} FROM {t} AS l WHERE {key}";
        _releaseSql = $"UPDATE {t} AS l SET counter = l.counter + 1, released = true WHERE {key} AND {ours} AND NOT l.released RETURNING {Columns}";
    }

    /// <summary>
    /// Connects and creates the schema and the table if missing, under <see cref="PostgresDdl"/>'s creation lock: host
    /// nodes and controller replicas start together against a fresh database. The schema must be a plain lower-case
    /// identifier.
    /// </summary>
    public static async Task<PostgresStorageLeaseStore> OpenAsync(
        string connectionString, string schema, TimeProvider time, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(connectionString);
        SqlIdentifier.Check(schema, nameof(schema));
        ArgumentNullException.ThrowIfNull(time);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // Four fixed statements, each run on every lease call: preparing them saves a parse and plan per call.
            builder.MaxAutoPrepare = 8;
        }

        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await PostgresDdl.RunLockedAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}; {CreateTableSql(schema)};", cancellationToken)
                    .ConfigureAwait(false);
            }

            return new PostgresStorageLeaseStore(dataSource, schema, time);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public async Task<AcquireResult> TryAcquireAsync(
        string datastoreId, string vmId, string holderHostId, long incarnation, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StorageLeaseRules.Check(datastoreId, vmId, holderHostId, incarnation, ttl);
        var now = _time.GetUtcNow();
        var granted = await QueryAsync(_acquireSql, datastoreId, vmId, holderHostId, incarnation, ttl, now, cancellationToken).ConfigureAwait(false);
        if (granted is not null)
        {
            return new AcquireResult(granted, null);
        }

        // The statement refused; read the row to say who holds it. The row exists (a refusal needs a conflicting row)
        // and is never deleted, so the read finds it; judged at the same instant, the rules give the same refusal.
        var current = await QueryAsync(_readSql, datastoreId, vmId, "", 0, TimeSpan.Zero, now, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Storage lease {datastoreId}/{vmId} refused an acquire but has no row.");
        return new AcquireResult(current, StorageLeaseRules.CheckAcquire(current, holderHostId, incarnation, now) ?? AcquireRefusal.HeldByAnother);
    }

    public Task<StorageLease?> RenewAsync(
        string datastoreId, string vmId, string holderHostId, long incarnation, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StorageLeaseRules.Check(datastoreId, vmId, holderHostId, incarnation, ttl);
        return QueryAsync(_renewSql, datastoreId, vmId, holderHostId, incarnation, ttl, _time.GetUtcNow(), cancellationToken);
    }

    public Task<StorageLease?> ReadAsync(string datastoreId, string vmId, CancellationToken cancellationToken = default)
    {
        StorageLeaseRules.Check(datastoreId, vmId);
        return QueryAsync(_readSql, datastoreId, vmId, "", 0, TimeSpan.Zero, _time.GetUtcNow(), cancellationToken);
    }

    public async Task<bool> ReleaseAsync(string datastoreId, string vmId, string holderHostId, long incarnation, CancellationToken cancellationToken = default)
    {
        StorageLeaseRules.Check(datastoreId, vmId, holderHostId, incarnation);
        return await QueryAsync(_releaseSql, datastoreId, vmId, holderHostId, incarnation, TimeSpan.Zero, _time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false) is not null;
    }

    private static string Table(string schema) => schema + ".storage_leases";

    private static string CreateTableSql(string schema) =>
        $"CREATE TABLE IF NOT EXISTS {Table(schema)} (datastore_id TEXT NOT NULL, vm_id TEXT NOT NULL, holder TEXT NOT NULL, " +
        "incarnation BIGINT NOT NULL, counter BIGINT NOT NULL, renewed_at TIMESTAMPTZ NOT NULL, ttl_us BIGINT NOT NULL, " +
        "released BOOLEAN NOT NULL, PRIMARY KEY (datastore_id, vm_id))";

    /// <summary>Binds every parameter (unused ones are ignored) and reads at most one lease row.</summary>
    private async Task<StorageLease?> QueryAsync(
        string sql, string datastoreId, string vmId, string holder, long incarnation, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // SQL text is built only from constant fragments and a validated schema name; values are parameters.
            var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("ds", datastoreId);
                command.Parameters.AddWithValue("vm", vmId);
                command.Parameters.AddWithValue("holder", holder);
                command.Parameters.AddWithValue("inc", incarnation);
                command.Parameters.AddWithValue("now", now.ToUniversalTime());
                command.Parameters.AddWithValue("ttl", ttl.Ticks / TimeSpan.TicksPerMicrosecond);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Row(reader, datastoreId, vmId) : null;
                }
            }
        }
    }

    private static StorageLease Row(DbDataReader reader, string datastoreId, string vmId) => new(
        datastoreId, vmId, reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3),
        TimeSpan.FromTicks(reader.GetInt64(4) * TimeSpan.TicksPerMicrosecond), reader.GetBoolean(5));
}
