using Cluster.Actors;

namespace Cluster.TestKit;

/// <summary>The actor behind a probe: records every message it gets, and watches on request.</summary>
internal sealed class ProbeActor(Action<object, ActorRef> record) : ActorBase
{
    protected override void OnReceive(object message)
    {
        if (message is WatchRequest request)
        {
            Context.Watch(request.Target);
            return;
        }

        if (message is UnwatchRequest unwatch)
        {
            Context.Unwatch(unwatch.Target);
            return;
        }

        record(message, Sender);
    }

    internal sealed record WatchRequest(ActorRef Target);

    internal sealed record UnwatchRequest(ActorRef Target);
}
