using Cluster.Controller.Vrm;
using Cluster.Simulation.World;

namespace Cluster.Simulation;

/// <summary>The shape of a simulated cluster: controllers, hosts, datastores and timings.</summary>
public sealed record SimulatedClusterOptions
{
    public int Seed { get; init; } = 1;

    public int Controllers { get; init; } = 2;

    public IReadOnlyList<SimulatedHostSpec> Hosts { get; init; } = [];

    public IReadOnlyList<string> Datastores { get; init; } = [];

    public VrmSettings Vrm { get; init; } = new();

    /// <summary>The VRM singleton's lease timings (the controller lease: TTL 10 s, renewed every 3 s).</summary>
    public SingletonTimings Lease { get; init; } = new();

    public TimeSpan HeartbeatJitter { get; init; } = TimeSpan.Zero;
}
