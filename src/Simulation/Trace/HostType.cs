namespace Cluster.Simulation.Trace;

/// <summary>A physical host model: cores of equal speed, RAM and its power curve.</summary>
public sealed record HostType(string Name, int Pes, double MipsPerPe, int RamMb, PowerCurve Power)
{
    public double TotalMips => Pes * MipsPerPe;

    public static HostType HpProLiantMl110G4 { get; } = new("HP ProLiant ML110 G4", 2, 1860, 4096, PowerCurve.HpProLiantMl110G4);

    public static HostType HpProLiantMl110G5 { get; } = new("HP ProLiant ML110 G5", 2, 2660, 4096, PowerCurve.HpProLiantMl110G5);
}
