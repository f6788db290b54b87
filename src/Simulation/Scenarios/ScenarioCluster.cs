namespace Cluster.Simulation.Scenarios;

/// <summary>A scenario's cluster: the simulation's options and the datastores to add once it is up.</summary>
public sealed record ScenarioCluster(SimulatedClusterOptions Options, IReadOnlyList<ScenarioDatastore> Datastores);

public sealed record ScenarioDatastore(string Name, long CapacityGb);
