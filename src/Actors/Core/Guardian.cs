namespace Cluster.Actors;

/// <summary>The top of /user and /system: it only supervises, with the default strategy.</summary>
internal sealed class Guardian : ActorBase
{
    protected override void OnReceive(object message) => Unhandled(message);
}

/// <summary>The root: if a guardian itself fails, it is stopped rather than restarted.</summary>
internal sealed class RootGuardian : ActorBase
{
    protected override SupervisorStrategy SupervisorStrategy => SupervisorStrategy.StoppingStrategy;

    protected override void OnReceive(object message) => Unhandled(message);
}
