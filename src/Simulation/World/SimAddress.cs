using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// Where a decider lives in the simulated world: a node and a name on it. It is what <see cref="Peer.Ref"/> holds
/// for every simulated peer, so deciders compare and store it without knowing it is simulated.
/// </summary>
public sealed record SimAddress(string Node, string Name)
{
    /// <summary>The pseudo-node of singleton proxies: a message to it goes to whichever node hosts the singleton now.</summary>
    public const string ProxyNode = "*proxy*";

    /// <summary>The pseudo-node of outside askers (<see cref="SimWorld.Ask"/>): they sit outside the network.</summary>
    public const string AskerNode = "*ask*";

    public static SimAddress Proxy(string singleton) => new(ProxyNode, singleton);

    public bool IsProxy => Node == ProxyNode;

    public bool IsAsker => Node == AskerNode;

    public Peer AsPeer() => new(this);

    public override string ToString() => Node + "/" + Name;
}
