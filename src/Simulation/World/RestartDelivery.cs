using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>Brings a decider back after its journal refused a write, as Akka's backoff supervisor would.</summary>
internal sealed class RestartDelivery(SimNode node, string name, Func<IDecider> create, Action? onStopped) : Delivery
{
    public override bool Run(SimWorld world)
    {
        if (!node.IsUp || !node.ClaimRestart(name, this))
        {
            return false;
        }

        node.Host(name, create, onStopped);
        return true;
    }
}
