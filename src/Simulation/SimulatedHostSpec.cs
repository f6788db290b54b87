using Cluster.HostNode.Cna;
using Cluster.Messages;

namespace Cluster.Simulation;

/// <summary>One compute host of a simulated cluster.</summary>
public sealed record SimulatedHostSpec(HostId HostId, HostHardware Hardware, IReadOnlyList<DatastoreId> Datastores)
{
    public CpuFeatureSet CpuFeatures { get; init; } = CpuFeatureSet.None;

    public IsolationResponse IsolationResponse { get; init; } = IsolationResponse.LeaveRunning;

    /// <summary>A typical two-socket host: 2 × 10 cores × 2 threads at 2.6 GHz, 256 GB.</summary>
    public static SimulatedHostSpec Standard(string id, params string[] datastores) =>
        new(HostId.From(id), new HostHardware(2, 10, 2, 2600, 262_144), [.. datastores.Select(DatastoreId.From)]);
}
