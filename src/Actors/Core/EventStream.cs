namespace Cluster.Actors;

/// <summary>Publish/subscribe by message type within one actor system: dead letters, unhandled messages, log-worthy events.</summary>
public sealed class EventStream
{
    private readonly object _gate = new();
    private (ActorRef Subscriber, Type Channel)[] _subscriptions = [];

    public void Subscribe(ActorRef subscriber, Type channel)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, (subscriber, channel)];
        }
    }

    public void Unsubscribe(ActorRef subscriber)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Where(s => !s.Subscriber.Equals(subscriber)).ToArray();
        }
    }

    public void Publish(object message)
    {
        foreach (var (subscriber, channel) in Volatile.Read(ref _subscriptions))
        {
            if (channel.IsInstanceOfType(message))
            {
                subscriber.Tell(message);
            }
        }
    }
}
