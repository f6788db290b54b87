using Cluster.Messages;

namespace Cluster.Controller.Vrm.Vms;

/// <summary>
/// A VM that no registered host could ever run (too much memory, too many vCPUs, a CPU baseline no host offers, a
/// NUMA fit no socket gives) is refused at create, naming the field and the best a host offers, instead of being
/// accepted and refused at every start. Hosts in every state count, since a host powered off or faulty now may run it
/// later. With no host registered yet nothing is known, so nothing is refused.
/// </summary>
public static class HostFit
{
    public static void AddErrors(IReadOnlyCollection<InventoryHost> hosts, VmSpec spec, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(errors);
        if (hosts.Count == 0)
        {
            return;
        }

        var before = errors.Count;
        var mostMemory = hosts.MaxBy(h => h.Hardware.UsableMemoryMb)!;
        if (spec.MemoryMb > mostMemory.Hardware.UsableMemoryMb)
        {
            errors.Add(new FieldError("memoryMb", $"must be at most {mostMemory.Hardware.UsableMemoryMb}, the most usable memory of any host ({mostMemory.HostId}), got {spec.MemoryMb}"));
        }

        var mostVcpus = hosts.MaxBy(h => h.Hardware.UsableVcpus)!;
        if (spec.Vcpus > mostVcpus.Hardware.UsableVcpus)
        {
            errors.Add(new FieldError("vcpus", $"must be at most {mostVcpus.Hardware.UsableVcpus}, the most usable vCPUs of any host ({mostVcpus.HostId}), got {spec.Vcpus}"));
        }

        if (!hosts.Any(h => h.CpuFeatures.IsSupersetOf(spec.RequiredCpuBaseline)))
        {
            var offered = string.Join("; ", hosts.OrderBy(h => h.HostId.Value, StringComparer.Ordinal).Take(3).Select(h => $"{h.HostId} {h.CpuFeatures}"));
            errors.Add(new FieldError("requiredCpuBaseline", $"no host offers {spec.RequiredCpuBaseline} (hosts offer: {offered}{(hosts.Count > 3 ? "; …" : string.Empty)})"));
        }

        if (spec.RequiresNumaFit && !hosts.Any(h => h.Hardware.FitsOneNumaNode(spec.Vcpus, spec.MemoryMb)))
        {
            errors.Add(new FieldError("requiresNumaFit", $"no host has a NUMA node (a socket) with {spec.Vcpus} threads and {spec.MemoryMb} MB"));
        }

        if (errors.Count == before && !hosts.Any(h => Runs(h, spec)))
        {
            errors.Add(new FieldError("body", $"no one host offers all of {spec.Vcpus} vCPUs, {spec.MemoryMb} MB and CPU baseline {spec.RequiredCpuBaseline}{(spec.RequiresNumaFit ? " in one NUMA node" : string.Empty)}"));
        }
    }

    private static bool Runs(InventoryHost host, VmSpec spec) =>
        spec.MemoryMb <= host.Hardware.UsableMemoryMb
        && spec.Vcpus <= host.Hardware.UsableVcpus
        && host.CpuFeatures.IsSupersetOf(spec.RequiredCpuBaseline)
        && (!spec.RequiresNumaFit || host.Hardware.FitsOneNumaNode(spec.Vcpus, spec.MemoryMb));
}
