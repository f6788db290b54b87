namespace Cluster.Simulation.Scenarios;

/// <summary>A scenario's cluster: the simulation's options, the datastores to add once it is up, and how the operator asks.</summary>
public sealed record ScenarioCluster(SimulatedClusterOptions Options, IReadOnlyList<ScenarioDatastore> Datastores)
{
    public OperatorAsks Asks { get; init; } = OperatorAsks.Wait;
}

public sealed record ScenarioDatastore(string Name, long CapacityGb);
