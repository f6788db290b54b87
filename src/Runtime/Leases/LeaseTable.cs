using System.Data.Common;

namespace Cluster.Runtime.Leases;

/// <summary>
/// The lease statements: each operation is one statement whose WHERE
/// clause is the compare-and-set, so the database's row lock (PostgreSQL) or write lock (SQLite) serializes racing
/// callers and a loser's statement matches no row. A tenure that starts on a free or expired row gets epoch + 1; the
/// live holder re-acquiring keeps its epoch. The caller supplies "now" (the actor system's scheduler clock), so
/// tests move time with Akka's TestScheduler.
/// </summary>
public sealed class LeaseTable
{
    private readonly LeaseDatabase _db;
    private readonly string _acquireSql;
    private readonly string _renewSql;
    private readonly string _releaseSql;
    private readonly string _readSql;

    public LeaseTable(LeaseDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
        var t = db.Table;
        const string live = "l.holder = @holder AND l.expires_at > @now";
        const string returning = " RETURNING name, holder, epoch, expires_at";
        _acquireSql = $"INSERT INTO {t} AS l (name, holder, epoch, expires_at) VALUES (@name, @holder, 1, @expires) " +
            $"ON CONFLICT (name) DO UPDATE SET epoch = CASE WHEN {live} THEN l.epoch ELSE l.epoch + 1 END, " +
            "holder = excluded.holder, expires_at = excluded.expires_at " +
            "WHERE l.expires_at <= @now OR l.holder = @holder" + returning;
        _renewSql = $"UPDATE {t} AS l SET expires_at = @expires WHERE name = @name AND epoch = @epoch AND {live}" + returning;
        // Released means expired at the Unix epoch, not "now": a renewal whose statement was built before the release
        // committed carries an older now, and would find the row live again and extend it by a TTL (seen as a 3 s
        // stall of a graceful hand-over, the standby refused until the resurrected row expired).
        _releaseSql = $"UPDATE {t} AS l SET expires_at = 0 WHERE name = @name AND epoch = @epoch AND {live}" + returning;
        _readSql = $"SELECT name, holder, epoch, expires_at FROM {t} WHERE name = @name";
    }

    public Task CreateIfMissingAsync(CancellationToken cancellationToken) => _db.CreateIfMissingAsync(cancellationToken);

    /// <summary>The row after taking or extending it, or null while someone else holds it.</summary>
    public Task<LeaseRow?> TryAcquireAsync(string name, string holder, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken) =>
        QueryAsync(_acquireSql, name, holder, 0, now, now + ttl, cancellationToken);

    /// <summary>The extended row, or null when the tenure is over (expired, taken over, or released).</summary>
    public Task<LeaseRow?> TryRenewAsync(string name, string holder, long epoch, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken) =>
        QueryAsync(_renewSql, name, holder, epoch, now, now + ttl, cancellationToken);

    /// <summary>Ends the tenure now, so the next owner need not wait for expiry; false when it was not ours.</summary>
    public async Task<bool> ReleaseAsync(string name, string holder, long epoch, DateTimeOffset now, CancellationToken cancellationToken) =>
        await QueryAsync(_releaseSql, name, holder, epoch, now, now, cancellationToken).ConfigureAwait(false) is not null;

    public Task<LeaseRow?> ReadAsync(string name, CancellationToken cancellationToken) =>
        QueryAsync(_readSql, name, "", 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, cancellationToken);

    internal static long ToMicros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);

    /// <summary>Binds every parameter (each engine ignores the ones a statement does not name) and reads at most one row.</summary>
    private async Task<LeaseRow?> QueryAsync(
        string sql, string name, string holder, long epoch, DateTimeOffset now, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = sql;
                Bind(command, "@name", name);
                Bind(command, "@holder", holder);
                Bind(command, "@epoch", epoch);
                Bind(command, "@now", ToMicros(now));
                Bind(command, "@expires", ToMicros(expires));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                        ? new LeaseRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), FromMicros(reader.GetInt64(3)))
                        : null;
                }
            }
        }
    }

    private static void Bind(DbCommand command, string name, object value)
    {
        if (!command.CommandText.Contains(name, StringComparison.Ordinal))
        {
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
