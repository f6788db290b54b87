using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>
/// A compute host's hardware and the share of it the management plane keeps for itself (the CNA,
/// the hypervisor's own threads). Only the rest is offered to VMs:
/// vCPUs = sockets × cores × threads; usable vCPUs = vCPUs − reserved vCPUs;
/// CPU capacity (MHz) = usable vCPUs × clock; usable memory = memory − reserved memory.
/// </summary>
public sealed record HostHardware(
    int Sockets,
    int CoresPerSocket,
    int ThreadsPerCore,
    long ClockMhz,
    long MemoryMb,
    int ReservedVcpus = HostHardware.DefaultReservedVcpus,
    long ReservedMemoryMb = HostHardware.DefaultReservedMemoryMb)
{
    public const int DefaultReservedVcpus = 2;
    public const long DefaultReservedMemoryMb = 4096;

    [JsonIgnore]
    public int Vcpus => Sockets * CoresPerSocket * ThreadsPerCore;

    [JsonIgnore]
    public int UsableVcpus => Math.Max(0, Vcpus - ReservedVcpus);

    [JsonIgnore]
    public long CpuCapacityMhz => UsableVcpus * ClockMhz;

    [JsonIgnore]
    public long UsableMemoryMb => Math.Max(0, MemoryMb - ReservedMemoryMb);

    /// <summary>Whether a VM of this size fits one NUMA node: a socket's cores × threads and an equal share of usable memory.</summary>
    public bool FitsOneNumaNode(int vcpus, long memoryMb) =>
        vcpus <= CoresPerSocket * ThreadsPerCore && memoryMb <= UsableMemoryMb / Math.Max(1, Sockets);

    /// <summary>What VMs may use on this host.</summary>
    [JsonIgnore]
    public Resources Capacity => new(CpuCapacityMhz, UsableMemoryMb);
}
