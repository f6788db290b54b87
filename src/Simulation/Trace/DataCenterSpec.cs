using System.Collections.Immutable;

namespace Cluster.Simulation.Trace;

/// <summary>
/// The simulated data centre of CloudSim 3.0.3's PlanetLab experiment: hosts cycle through
/// <see cref="HostTypes"/> by index, VMs take <see cref="VmTypes"/> in contiguous blocks of the VM list.
/// </summary>
public sealed record DataCenterSpec(
    int HostCount,
    ImmutableArray<HostType> HostTypes,
    ImmutableArray<VmType> VmTypes,
    double SchedulingIntervalSeconds,
    double HostBandwidthKbps,
    double DurationSeconds)
{
    /// <summary>800 hosts (ML110 G4/G5 alternating), the four EC2-like VM types, 300 s rounds, 1 Gbit/s, 24 h.</summary>
    public static DataCenterSpec PlanetLab { get; } = new(
        800,
        [HostType.HpProLiantMl110G4, HostType.HpProLiantMl110G5],
        [new VmType(2500, 870), new VmType(2000, 1740), new VmType(1000, 1740), new VmType(500, 613)],
        300,
        1_000_000,
        24 * 3600);

    public HostType HostTypeOf(int host) => HostTypes[host % HostTypes.Length];

    /// <summary>VM <paramref name="vm"/> of <paramref name="vmCount"/> gets type vm / ceil(vmCount / types).</summary>
    public VmType VmTypeOf(int vm, int vmCount) => VmTypes[vm / (int)Math.Ceiling((double)vmCount / VmTypes.Length)];

    /// <summary>Live migration takes RAM over half the link (the other half carries the VM's own traffic).</summary>
    public double MigrationSeconds(int ramMb) => ramMb / (HostBandwidthKbps / (2 * 8000));
}
