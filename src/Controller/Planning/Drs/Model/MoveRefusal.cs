namespace Cluster.Controller.Planning.Drs.Model;

/// <summary>Why a host cannot take a moving unit, in the order the model checks.</summary>
internal enum MoveRefusal
{
    None,
    HostUnavailable,
    CpuIncompatible,
    MustRule,
    DatastoreUnreachable,
    NumaFit,
    Vcpus,
    Memory,
    MemoryReservation,
    CpuReservation,
    AntiAffinity,
    Concurrency,
}
