namespace Cluster.Simulation.World;

/// <summary>One entry of the world's agenda: something that happens to a decider at a virtual instant.</summary>
internal abstract class Delivery
{
    /// <summary>Runs it; false if it no longer applies (its target died, its timer was cancelled), so nothing happened.</summary>
    public abstract bool Run(SimWorld world);
}
