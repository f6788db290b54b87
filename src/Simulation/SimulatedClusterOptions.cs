using Cluster.Controller.Singleton;
using Cluster.Controller.Vrm;

namespace Cluster.Simulation;

/// <summary>The shape of a simulated cluster: controllers, hosts, datastores and timings.</summary>
public sealed record SimulatedClusterOptions
{
    public int Seed { get; init; } = 1;

    public int Controllers { get; init; } = 2;

    public IReadOnlyList<SimulatedHostSpec> Hosts { get; init; } = [];

    public IReadOnlyList<string> Datastores { get; init; } = [];

    public VrmSettings Vrm { get; init; } = new();

    public LeaseSettings Lease { get; init; } = new();

    public TimeSpan HeartbeatJitter { get; init; } = TimeSpan.Zero;
}
