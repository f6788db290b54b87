namespace Cluster.Simulation.Trace;

/// <summary>A VM size: one vCPU of <paramref name="Mips"/> and <paramref name="RamMb"/> of RAM.</summary>
public sealed record VmType(double Mips, int RamMb);
