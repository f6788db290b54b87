namespace Cluster.Actors.Tests;

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class EchoActor : ActorBase
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}

/// <summary>Forwards everything it gets to a probe.</summary>
internal sealed class ForwardingActor(ActorRef target) : ActorBase
{
    protected override void OnReceive(object message) => target.Tell(message, Sender);
}

/// <summary>
/// Counts messages; "fail" throws, "count" replies with the count, anything else is reported to the
/// probe. Every lifecycle hook is reported too, so tests see restarts and stops happen.
/// </summary>
internal sealed class CountingActor(ActorRef probe) : ActorBase
{
    private int _count;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case "fail":
                throw new InvalidOperationException("asked to fail");
            case "count":
                Sender.Tell(_count, Self);
                break;
            default:
                _count++;
                probe.Tell(message, Self);
                break;
        }
    }

    protected override void PreStart() => probe.Tell("pre-start", Self);

    protected override void PostStop() => probe.Tell("post-stop", Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        probe.Tell("pre-restart", Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        probe.Tell("post-restart", Self);
        base.PostRestart(reason);
    }
}

/// <summary>A parent with a configurable strategy that creates one child and forwards messages to it.</summary>
internal sealed class SupervisingParent(SupervisorStrategy strategy, Props childProps) : ActorBase
{
    protected override SupervisorStrategy SupervisorStrategy => strategy;

    protected override void OnReceive(object message)
    {
        var child = Context.Child("child") ?? Context.ActorOf(childProps, "child");
        if (message is "get-child")
        {
            Sender.Tell(child, Self);
            return;
        }

        child.Forward(message, Context);
    }
}
