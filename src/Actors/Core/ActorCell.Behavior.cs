namespace Cluster.Actors;

/// <summary>Become/Unbecome, the stash, and the receive timeout.</summary>
internal sealed partial class ActorCell
{
    private static readonly object ReceiveTimeoutKey = new();
    private readonly List<Envelope> _stash = [];
    private TimeSpan? _receiveTimeout;

    public void Become(Action<object> behavior, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        if (discardOld && _behaviors.Count > 1)
        {
            _behaviors[^1] = behavior;
            return;
        }

        _behaviors.Add(behavior);
    }

    public void Unbecome()
    {
        // The initial behaviour is never popped, as in Akka.
        if (_behaviors.Count > 1)
        {
            _behaviors.RemoveAt(_behaviors.Count - 1);
        }
    }

    public void Stash()
    {
        if (_current.Message is null)
        {
            throw new InvalidOperationException("Stash() is only allowed while handling a message");
        }

        _stash.Add(_current);
    }

    public void UnstashAll()
    {
        Mailbox.ReturnToFront(_stash);
        _stash.Clear();
    }

    private void DropStash()
    {
        foreach (var envelope in _stash)
        {
            System.PublishDeadLetter(envelope.Message, envelope.Sender, Self);
        }

        _stash.Clear();
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "receive timeout must be positive, or null to turn it off");
        }

        _receiveTimeout = timeout;
        if (timeout is null)
        {
            _timers?.Cancel(ReceiveTimeoutKey);
            return;
        }

        RestartReceiveTimeout();
    }

    private void RestartReceiveTimeout()
    {
        if (_receiveTimeout is { } timeout)
        {
            Timers.StartSingleTimer(ReceiveTimeoutKey, ReceiveTimeout.Instance, timeout);
        }
    }
}
