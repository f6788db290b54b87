namespace Cluster.Simulation.Trace;

/// <summary>
/// The figures of one replay, defined as CloudSim 3.0.3's PlanetLab experiment reports them.
/// SLATAH: share of active-host time spent with less CPU delivered than asked; PDM: CPU lost to
/// migrations over CPU asked; SLAV = SLATAH x PDM; ESV = energy x SLAV.
/// </summary>
public sealed record TraceResult(
    string Policy,
    string Trace,
    int Hosts,
    int Vms,
    double SimulatedSeconds,
    double EnergyKwh,
    double Slatah,
    double Pdm,
    int Migrations,
    int HostPowerOffs,
    int PeakHostRamMb,
    int RamOvercommitSamples)
{
    public double Slav => Slatah * Pdm;

    public double Esv => EnergyKwh * Slav;
}
