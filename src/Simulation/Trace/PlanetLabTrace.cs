using System.Collections.Immutable;

namespace Cluster.Simulation.Trace;

/// <summary>
/// One day of PlanetLab CPU traces: per VM, its name and <see cref="SamplesPerVm"/> utilisation
/// samples in percent, one every 5 minutes, in the file's line order (which the evaluator keeps:
/// CloudSim assigns VM types by position).
/// </summary>
public sealed record PlanetLabTrace(string Source, ImmutableArray<string> VmNames, ImmutableArray<byte> Samples)
{
    /// <summary>Samples per VM in a PlanetLab day file: 24 h at 5-minute steps.</summary>
    public const int SamplesPerVm = 288;

    /// <summary>Seconds between two samples.</summary>
    public const double SampleIntervalSeconds = 300;

    public int VmCount => VmNames.Length;

    /// <summary>Utilisation of <paramref name="vm"/> at sample <paramref name="index"/>, in percent.</summary>
    public int Sample(int vm, int index) => Samples[(vm * SamplesPerVm) + index];
}
