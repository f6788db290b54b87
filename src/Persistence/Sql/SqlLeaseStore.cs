namespace Cluster.Persistence;

/// <summary>
/// Lease store over a <see cref="SqlBackend"/>. Each operation is a single statement whose WHERE clause is the
/// compare-and-set: the database's row lock (PostgreSQL) or write lock (SQLite) serializes racing callers, and a
/// loser's statement matches no row, so it returns null.
/// </summary>
public sealed class SqlLeaseStore : ILeaseStore
{
    private readonly SqlBackend _db;
    private readonly TimeProvider _time;
    private readonly string _acquireSql;
    private readonly string _renewSql;
    private readonly string _readSql;
    private readonly string _releaseSql;

    public SqlLeaseStore(SqlBackend db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _time = time;
        var t = db.LeaseTable;
        const string live = "l.holder = @holder AND l.expires_at > @now";
        _acquireSql = $"INSERT INTO {t} AS l (name, holder, epoch, expires_at) VALUES (@name, @holder, 1, @expires) " +
            $"ON CONFLICT (name) DO UPDATE SET epoch = CASE WHEN {live} THEN l.epoch ELSE l.epoch + 1 END, " +
            "holder = excluded.holder, expires_at = excluded.expires_at " +
            "WHERE l.expires_at <= @now OR l.holder = @holder RETURNING holder, epoch, expires_at";
        _renewSql = $"UPDATE {t} AS l SET expires_at = @expires WHERE name = @name AND epoch = @epoch AND {live} RETURNING holder, epoch, expires_at";
        _readSql = $"SELECT holder, epoch, expires_at FROM {t} WHERE name = @name";
        _releaseSql = $"UPDATE {t} AS l SET expires_at = @now WHERE name = @name AND epoch = @epoch AND {live} RETURNING holder, epoch, expires_at";
    }

    public Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        LeaseGuard.Check(name, holder, ttl);
        return QueryAsync(_acquireSql, name, holder, 0, ttl, cancellationToken);
    }

    public Task<Lease?> TryRenewAsync(string name, string holder, long epoch, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        LeaseGuard.Check(name, holder, ttl);
        return QueryAsync(_renewSql, name, holder, epoch, ttl, cancellationToken);
    }

    public Task<Lease?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(name);
        return QueryAsync(_readSql, name, "", 0, TimeSpan.Zero, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(string name, string holder, long epoch, CancellationToken cancellationToken = default)
    {
        LeaseGuard.Check(name, holder);
        return await QueryAsync(_releaseSql, name, holder, epoch, TimeSpan.Zero, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Binds every parameter (unused ones are ignored by both engines) and reads at most one lease row.</summary>
    private async Task<Lease?> QueryAsync(string sql, string name, string holder, long epoch, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Command(sql)
                .With("@name", name).With("@holder", holder).With("@epoch", epoch)
                .With("@now", _db.ToDbTime(now)).With("@expires", _db.ToDbTime(now + ttl));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new Lease(name, reader.GetString(0), reader.GetInt64(1), _db.ReadTime(reader, 2))
                    : null;
            }
        }
    }
}
