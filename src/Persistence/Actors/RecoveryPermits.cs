using Cluster.Actors;

namespace Cluster.Persistence;

/// <summary>
/// Caps how many actors replay their journals at once, so a controller starting with thousands of
/// actors does not open thousands of reads together. Waiting actors are granted a permit in order.
/// </summary>
public sealed class RecoveryPermits
{
    private readonly object _gate = new();
    private readonly Queue<ActorRef> _waiting = new();
    private int _available;

    public RecoveryPermits(int max)
    {
        if (max < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "at least one recovery must be allowed at a time");
        }

        Max = max;
        _available = max;
    }

    public int Max { get; }

    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return Max - _available;
            }
        }
    }

    internal void Request(ActorRef requester)
    {
        lock (_gate)
        {
            if (_available == 0)
            {
                _waiting.Enqueue(requester);
                return;
            }

            _available--;
        }

        requester.Tell(RecoveryPermitGranted.Instance);
    }

    internal void Release()
    {
        ActorRef? next;
        lock (_gate)
        {
            if (!_waiting.TryDequeue(out next))
            {
                _available++;
                return;
            }
        }

        next.Tell(RecoveryPermitGranted.Instance);
    }
}
