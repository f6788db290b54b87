namespace Cluster.Actors;

/// <summary>How to make an actor: a factory (called again on every restart) and an optional supervisor strategy override.</summary>
public sealed record Props(Func<ActorBase> Factory)
{
    public static Props Create<TActor>()
        where TActor : ActorBase, new() => new(static () => new TActor());

    public static Props Create(Func<ActorBase> factory) => new(factory);
}
