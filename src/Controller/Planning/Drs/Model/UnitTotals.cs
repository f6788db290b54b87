namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>The sums over a moving unit's VMs that the checks and the cost–benefit read.</summary>
internal readonly record struct UnitTotals(
    double Cpu,
    double ActiveMemory,
    double Memory,
    double MemoryReservation,
    double CpuReservation,
    double MigrationSeconds,
    double Stability,
    bool InFlight,
    bool[] Allowed);
