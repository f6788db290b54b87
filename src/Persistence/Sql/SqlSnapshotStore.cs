using System.Data.Common;

namespace Cluster.Persistence;

/// <summary>Snapshot store over a <see cref="SqlBackend"/>; saving an existing (id, sequence nr) replaces it.</summary>
public sealed class SqlSnapshotStore : ISnapshotStore
{
    private readonly SqlBackend _db;
    private readonly string _saveSql;
    private readonly string _loadSql;
    private readonly string _deleteSql;

    public SqlSnapshotStore(SqlBackend db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
        var t = db.SnapshotTable;
        _saveSql = $"INSERT INTO {t} (persistence_id, sequence_nr, created, manifest, payload) VALUES (@pid, @seq, @created, @manifest, @payload) " +
            "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created = excluded.created, manifest = excluded.manifest, payload = excluded.payload";
        _loadSql = $"SELECT persistence_id, sequence_nr, created, manifest, payload FROM {t} " +
            "WHERE persistence_id = @pid AND sequence_nr <= @seq ORDER BY sequence_nr DESC LIMIT 1";
        _deleteSql = $"DELETE FROM {t} WHERE persistence_id = @pid AND sequence_nr < @seq";
    }

    public async Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        SnapshotGuard.Check(snapshot);
        await ExecuteAsync(_saveSql, snapshot.PersistenceId, snapshot.SequenceNr, cancellationToken, c => c
            .With("@created", _db.ToDbTime(snapshot.Timestamp)).With("@manifest", snapshot.Manifest).With("@payload", snapshot.Payload)).ConfigureAwait(false);
    }

    public async Task<Snapshot?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Command(_loadSql).With("@pid", persistenceId).With("@seq", maxSequenceNr);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new Snapshot(reader.GetString(0), reader.GetInt64(1), _db.ReadTime(reader, 2), reader.GetString(3), reader.GetFieldValue<byte[]>(4))
                    : null;
            }
        }
    }

    public async Task DeleteOlderThanAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        await ExecuteAsync(_deleteSql, persistenceId, sequenceNr, cancellationToken, _ => { }).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, string persistenceId, long sequenceNr, CancellationToken cancellationToken, Action<DbCommand> bind)
    {
        var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Command(sql).With("@pid", persistenceId).With("@seq", sequenceNr);
            bind(command);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
