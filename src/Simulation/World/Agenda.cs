namespace Cluster.Simulation.World;

/// <summary>
/// What is due when: deliveries ordered by due time, ties in the order they were scheduled. Effect results that
/// come back at once go to a front queue that runs before anything else due at the same instant.
/// </summary>
internal sealed class Agenda
{
    private readonly PriorityQueue<Delivery, (long DueTicks, long Sequence)> _queue = new();
    private readonly Queue<Delivery> _front = new();
    private long _sequence;

    public int Count => _queue.Count + _front.Count;

    public void At(long dueTicks, Delivery delivery) => _queue.Enqueue(delivery, (dueTicks, _sequence++));

    public void Immediately(Delivery delivery) => _front.Enqueue(delivery);

    /// <summary>The due time of the next timed entry, or null if none (the front queue is always due now).</summary>
    public long? NextDueTicks => _queue.TryPeek(out _, out var key) ? key.DueTicks : null;

    /// <summary>Takes the next entry due at or before <paramref name="limitTicks"/>, with its due time.</summary>
    public bool TryTake(long limitTicks, out Delivery delivery, out long dueTicks)
    {
        if (_front.TryDequeue(out delivery!))
        {
            dueTicks = long.MinValue;
            return true;
        }

        if (_queue.TryPeek(out delivery!, out var key) && key.DueTicks <= limitTicks)
        {
            _queue.Dequeue();
            dueTicks = key.DueTicks;
            return true;
        }

        dueTicks = 0;
        return false;
    }
}
