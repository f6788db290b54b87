using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>An effect's result fed back to the decider instance that ran it; lost if that instance died meanwhile.</summary>
internal sealed class EffectResultDelivery(HostedDecider owner, object input) : Delivery
{
    public override bool Run(SimWorld world)
    {
        if (!owner.Alive)
        {
            return false;
        }

        world.Feed(owner, input, Peer.None);
        return true;
    }
}
