using System.Threading.Channels;

namespace Cluster.Persistence;

/// <summary>
/// Group commit in front of a journal. Concurrent writers enqueue single writes; one loop takes everything queued
/// (up to <see cref="MaxBatchSize"/>) into one transaction, so the commit cost is shared while the writers wait.
/// There are no timers: a batch is whatever arrived while the previous transaction was in flight.
/// A writer's task completes only after its transaction committed; a failed transaction fails every task in it.
/// Reads go straight to the inner journal.
/// </summary>
public sealed class BatchingJournal : IJournal, IAsyncDisposable
{
    private readonly IJournal _inner;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task _loop;

    public BatchingJournal(IJournal inner, int maxBatchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Guard.Positive(maxBatchSize);
        _inner = inner;
        MaxBatchSize = maxBatchSize;
        _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
        _loop = Task.Run(RunAsync);
    }

    public int MaxBatchSize { get; }

    /// <summary>Completes after the write is committed; faults with <see cref="SequenceConflictException"/> or the transaction's error.</summary>
    public Task WriteAsync(AtomicWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);

        // Continuations run off the writer loop, so a slow caller cannot stall the next commit.
        var pending = new PendingWrite(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BatchingJournal));
        }

        return pending.Done.Task;
    }

    /// <summary>Queues every write separately; they may land in different transactions but each stays atomic.</summary>
    public async Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var tasks = writes.Select(WriteAsync).ToArray();
        var results = new WriteResult[tasks.Length];
        for (var i = 0; i < tasks.Length; i++)
        {
            try
            {
                await tasks[i].ConfigureAwait(false);
                results[i] = WriteResult.Success;
            }
            catch (SequenceConflictException conflict)
            {
                results[i] = new WriteResult(conflict);
            }
        }

        return results;
    }

    public IAsyncEnumerable<StoredEvent> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        _inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterOrdering, int max, CancellationToken cancellationToken = default) =>
        _inner.ReadAllAsync(afterOrdering, max, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadByTagAsync(string tag, long afterOrdering, int max, CancellationToken cancellationToken = default) =>
        _inner.ReadByTagAsync(tag, afterOrdering, max, cancellationToken);

    /// <summary>Stops accepting writes, commits what is queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatchSize);
        var writes = new List<AtomicWrite>(MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                writes.Add(pending.Write);
            }

            await CommitAsync(batch, writes).ConfigureAwait(false);
            batch.Clear();
            writes.Clear();

            // The commit just queued the acknowledged writers' continuations; yielding once lets them enqueue their
            // next write before the next batch is cut, so batches stay full instead of alternating full/almost empty.
            // A scheduling yield, not a timer: nothing waits when nobody is ready.
            await Task.Yield();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch, List<AtomicWrite> writes)
    {
        IReadOnlyList<WriteResult> results;
        try
        {
            results = await _inner.WriteAsync(writes).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure of the transaction belongs to its callers, and the loop must live on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Done.TrySetResult();
            }
        }
    }

    private sealed record PendingWrite(AtomicWrite Write, TaskCompletionSource Done);
}
