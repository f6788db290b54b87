namespace Cluster.Simulation.Invariants;

/// <summary>
/// One property of the simulated cluster that must hold, checked by the scenario runner and the randomized runs alike
/// (<see cref="ClusterInvariants"/> lists them). A run gets fresh instances, so an invariant may remember what it has
/// seen. <see cref="InvariantScope.EveryStep"/> checks run after every simulated step, so they must not allocate
/// while the property holds.
/// </summary>
public interface IInvariant
{
    /// <summary>A short kebab-case name that says what holds, e.g. <c>no-vm-runs-twice</c>.</summary>
    string Name { get; }

    InvariantScope Scope { get; }

    /// <summary>Null when the property holds, else what is wrong (VMs by name).</summary>
    string? Check(InvariantContext context);
}
