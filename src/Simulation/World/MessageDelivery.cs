using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// A message on its way to a decider, with the life of the target node it was sent to:
/// a message sent to a node that crashed meanwhile is lost even if the node is up again.
/// </summary>
internal sealed class MessageDelivery(SimNode? fromNode, Peer from, SimNode target, int targetIncarnation, string name, object message) : Delivery
{
    public override bool Run(SimWorld world) =>
        world.Network.Arrives(fromNode, target, targetIncarnation) && world.FeedByName(target, name, message, from);
}
