namespace Cluster.Simulation.Trace;

/// <summary>Move <paramref name="Vm"/> to <paramref name="TargetHost"/> (indices into the view); also used for initial placement.</summary>
public readonly record struct Migration(int Vm, int TargetHost);
