using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Cli;

/// <summary>The <c>--output json</c> document: the metrics plus what the run cost.</summary>
public sealed record TraceReport(
    string Trace,
    string Policy,
    int Hosts,
    int Vms,
    double SimulatedHours,
    double EnergyKwh,
    double Slatah,
    double Pdm,
    double Slav,
    double Esv,
    int Migrations,
    int HostPowerOffs,
    int PeakHostRamMb,
    int RamOvercommitSamples,
    double WallSeconds,
    double PeakRssMb)
{
    public static TraceReport From(TraceResult result, double wallSeconds, double peakRssMb) => new(
        result.Trace,
        result.Policy,
        result.Hosts,
        result.Vms,
        result.SimulatedSeconds / 3600,
        result.EnergyKwh,
        result.Slatah,
        result.Pdm,
        result.Slav,
        result.Esv,
        result.Migrations,
        result.HostPowerOffs,
        result.PeakHostRamMb,
        result.RamOvercommitSamples,
        wallSeconds,
        peakRssMb);
}
