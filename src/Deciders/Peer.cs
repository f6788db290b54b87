namespace Cluster.Deciders;

/// <summary>
/// Whoever sent an input, or is to receive a message, as the runtime names it: an <c>IActorRef</c> under
/// Akka, a node address in the simulation. Deciders only store, compare and return peers; they never look inside.
/// </summary>
public readonly record struct Peer(object? Ref)
{
    /// <summary>No one: an input from a timer or an effect, or a message nobody is waiting for.</summary>
    public static readonly Peer None = new(null);

    public bool IsNone => Ref is null;

    public override string ToString() => Ref?.ToString() ?? "none";
}
