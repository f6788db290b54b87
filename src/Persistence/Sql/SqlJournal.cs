using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Cluster.Persistence;

/// <summary>
/// Journal over a <see cref="SqlBackend"/>. A batch is one transaction. The fast path inserts everything at once;
/// only if that hits a unique violation is the batch redone with one savepoint per write, so a conflicting write is
/// rejected alone while the rest still commit together. Conflicts are rare (a second incarnation of an actor), so
/// the common case pays for no savepoints.
/// Global ordering is gap-free for tail readers as long as one process writes (the lease holder): with concurrent
/// writers an identity value can become visible after a higher one.
/// </summary>
public sealed class SqlJournal : IJournal
{
    private const int ReplayBatchSize = 256;
    private const int ReplayBatchesAhead = 8;
    private const string Columns = "ordering, persistence_id, sequence_nr, created, manifest, payload, writer_id, tags";

    // Replay knows the persistence id: it is not read back (and decoded) once per row.
    private const string ReplayColumns = "ordering, sequence_nr, created, manifest, payload, writer_id, tags";
    private readonly SqlBackend _db;
    private readonly TimeProvider _time;
    private readonly string _replaySql;
    private readonly string _readAllSql;
    private readonly string _readByTagSql;
    private readonly string _highestSql;
    private readonly string _deleteSql;
    private readonly string _deletedToSql;

    public SqlJournal(SqlBackend db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _time = time;
        var j = db.JournalTable;
        _replaySql = $"SELECT {ReplayColumns} FROM {j} WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to ORDER BY sequence_nr LIMIT @max";
        _readAllSql = $"SELECT {Columns} FROM {j} WHERE ordering > @after ORDER BY ordering LIMIT @max";
        _readByTagSql = $"SELECT {Columns} FROM {j} WHERE ordering > @after AND {db.PositionFunction}(',' || tags || ',', @tag) > 0 ORDER BY ordering LIMIT @max";
        _highestSql = $"SELECT COALESCE(MAX(n), 0) FROM (SELECT MAX(sequence_nr) AS n FROM {j} WHERE persistence_id = @pid " +
            $"UNION ALL SELECT deleted_to FROM {db.DeletedToTable} WHERE persistence_id = @pid) AS h";
        _deleteSql = $"DELETE FROM {j} WHERE persistence_id = @pid AND sequence_nr <= @to";
        _deletedToSql = $"INSERT INTO {db.DeletedToTable} AS d (persistence_id, deleted_to) VALUES (@pid, @to) " +
            "ON CONFLICT (persistence_id) DO UPDATE SET deleted_to = CASE WHEN excluded.deleted_to > d.deleted_to THEN excluded.deleted_to ELSE d.deleted_to END";
    }

    public async Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        var created = _time.GetUtcNow();
        var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (await TryWriteAllAsync(connection, writes, created, cancellationToken).ConfigureAwait(false))
            {
                return [.. writes.Select(_ => WriteResult.Success)];
            }

            return await WriteEachAsync(connection, writes, created, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rows are read on a thread-pool task a few batches ahead of the consumer, so that decoding rows and the
    /// consumer's own work (deserializing, applying events in recovery) run side by side.
    /// </summary>
    public async IAsyncEnumerable<StoredEvent> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        Guard.NotNegative(max);
        var batches = Channel.CreateBounded<List<StoredEvent>>(new BoundedChannelOptions(ReplayBatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadReplayAsync(batches.Writer, persistenceId, fromSequenceNr, toSequenceNr, max, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var stored in batch)
                {
                    yield return stored;
                }
            }
        }
        finally
        {
            // The consumer may stop early: end the reader and wait for it, so the connection is closed on return.
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await HighestAsync(connection, null, persistenceId, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(persistenceId);
        var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // Clamp so that deleting "to MaxValue" cannot push the remembered highest nr past what was written.
            var bound = Math.Min(toSequenceNr, await HighestAsync(connection, tx, persistenceId, cancellationToken).ConfigureAwait(false));
            if (bound > 0)
            {
                foreach (var sql in new[] { _deleteSql, _deletedToSql })
                {
                    await using var command = connection.Command(sql, tx).With("@pid", persistenceId).With("@to", bound);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterOrdering, int max, CancellationToken cancellationToken = default) =>
        QueryAsync(_readAllSql, afterOrdering, max, null, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadByTagAsync(string tag, long afterOrdering, int max, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(tag);
        return QueryAsync(_readByTagSql, afterOrdering, max, TagCodec.SearchTerm(tag), cancellationToken);
    }

    private async Task<bool> TryWriteAllAsync(DbConnection connection, IReadOnlyList<AtomicWrite> writes, DateTimeOffset created, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _db.InsertEventsAsync(connection, tx, writes, created, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (_db.IsUniqueViolation(ex))
        {
            await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<IReadOnlyList<WriteResult>> WriteEachAsync(
        DbConnection connection, IReadOnlyList<AtomicWrite> writes, DateTimeOffset created, CancellationToken cancellationToken)
    {
        const string savepoint = "atomic_write";
        var results = new WriteResult[writes.Count];
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
        {
            await tx.SaveAsync(savepoint, cancellationToken).ConfigureAwait(false);
            try
            {
                await _db.InsertEventsAsync(connection, tx, [writes[i]], created, cancellationToken).ConfigureAwait(false);
                results[i] = WriteResult.Success;
            }
            catch (DbException ex) when (_db.IsUniqueViolation(ex))
            {
                await tx.RollbackAsync(savepoint, cancellationToken).ConfigureAwait(false);
                results[i] = new WriteResult(new SequenceConflictException(writes[i].PersistenceId, writes[i].LowestSequenceNr, writes[i].HighestSequenceNr, ex));
            }

            await tx.ReleaseAsync(savepoint, cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    private async Task<long> HighestAsync(DbConnection connection, DbTransaction? tx, string persistenceId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(_highestSql, tx).With("@pid", persistenceId);
        return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StoredEvent>> QueryAsync(string sql, long afterOrdering, int max, string? tag, CancellationToken cancellationToken)
    {
        Guard.NotNegative(max);
        var events = new List<StoredEvent>();
        var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.Command(sql).With("@after", afterOrdering).With("@max", (long)max);
            if (tag is not null)
            {
                command.With("@tag", tag);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    events.Add(ReadEvent(reader));
                }
            }
        }

        return events;
    }

    private async Task ReadReplayAsync(
        ChannelWriter<List<StoredEvent>> batches, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await using var command = connection.Command(_replaySql)
                    .With("@pid", persistenceId).With("@from", fromSequenceNr).With("@to", toSequenceNr).With("@max", max);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var batch = new List<StoredEvent>(ReplayBatchSize);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        batch.Add(ReadReplayedEvent(reader, persistenceId));
                        if (batch.Count == ReplayBatchSize)
                        {
                            await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                            batch = new List<StoredEvent>(ReplayBatchSize);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            batches.TryComplete();
        }
        catch (Exception cause)
        {
            batches.TryComplete(cause);
        }
    }

    private StoredEvent ReadReplayedEvent(DbDataReader r, string persistenceId) => new(
        r.GetInt64(0), persistenceId, r.GetInt64(1), _db.ReadTime(r, 2), r.GetString(3), r.GetFieldValue<byte[]>(4), r.GetString(5), TagCodec.Decode(r.GetString(6)));

    private StoredEvent ReadEvent(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), _db.ReadTime(r, 3), r.GetString(4), r.GetFieldValue<byte[]>(5), r.GetString(6), TagCodec.Decode(r.GetString(7)));
}
