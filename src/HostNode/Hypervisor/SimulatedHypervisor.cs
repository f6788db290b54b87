using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// An in-process hypervisor: VMs are entries with a power state. It refuses a start that would exceed
/// the host's usable memory or vCPUs (VMs are not over-committed on memory), and reports CPU use as a
/// configurable share of each running VM's vCPUs.
/// </summary>
public sealed class SimulatedHypervisor(HostHardware hardware, double cpuUtilization = 0.2) : IHypervisor
{
    private readonly SortedDictionary<VmId, Instance> _vms = [];

    // Read at every heartbeat and, in the simulation, after every simulated second: built once per change. A report
    // handed out is never changed afterwards (a change builds a new one), so a heartbeat keeps what it was sent with.
    private VmRuntimeReport[]? _report;
    private Resources? _used;

    public HostHardware Hardware { get; } = hardware;

    public Resources Used => _used ??= Measure();

    public string? Start(VmId vm, VmSpec spec, long incarnation)
    {
        if (_vms.TryGetValue(vm, out var existing) && existing.State == VmPowerState.Running)
        {
            return existing.Incarnation == incarnation ? null : $"VM {vm} already runs here as incarnation {existing.Incarnation}";
        }

        var running = _vms.Values.Where(v => v.State == VmPowerState.Running && v.Id != vm).ToList();
        if (running.Sum(v => v.Spec.MemoryMb) + spec.MemoryMb > Hardware.UsableMemoryMb)
        {
            return $"not enough memory: {spec.MemoryMb} MB asked, {Hardware.UsableMemoryMb - running.Sum(v => v.Spec.MemoryMb)} MB free";
        }

        if (spec.Vcpus > Hardware.UsableVcpus)
        {
            return $"VM has {spec.Vcpus} vCPUs, host only {Hardware.UsableVcpus} usable";
        }

        _vms[vm] = new Instance(vm, spec, incarnation, VmPowerState.Running);
        Changed();
        return null;
    }

    public string? Stop(VmId vm, bool graceful)
    {
        if (!_vms.TryGetValue(vm, out var instance))
        {
            return $"VM {vm} is not on this host";
        }

        instance.State = VmPowerState.Stopped;
        Changed();
        return null;
    }

    public string? Delete(VmId vm)
    {
        if (_vms.TryGetValue(vm, out var instance) && instance.State == VmPowerState.Running)
        {
            return $"VM {vm} is running; stop it first";
        }

        _vms.Remove(vm);
        Changed();
        return null;
    }

    public void KillIncarnation(VmId vm, long incarnation)
    {
        if (_vms.TryGetValue(vm, out var instance) && instance.Incarnation == incarnation)
        {
            _vms.Remove(vm);
            Changed();
        }
    }

    public void Fence(VmId vm) => Crash(vm);

    /// <summary>Simulates a guest crash (blue screen): the VM is no longer running.</summary>
    public void Crash(VmId vm)
    {
        if (_vms.TryGetValue(vm, out var instance))
        {
            instance.State = VmPowerState.Crashed;
            Changed();
        }
    }

    public IReadOnlyList<VmRuntimeReport> Report() =>
        _report ??= [.. _vms.Values.Select(v => new VmRuntimeReport(v.Id, v.State, v.Incarnation))];

    private void Changed()
    {
        _report = null;
        _used = null;
    }

    // Summed in id order like the LINQ sums it replaces, so the CPU figure rounds the same.
    private Resources Measure()
    {
        var cpuMhz = 0.0;
        var memoryMb = 0L;
        foreach (var instance in _vms.Values)
        {
            if (instance.State == VmPowerState.Running)
            {
                cpuMhz += instance.Spec.Vcpus * Hardware.ClockMhz * cpuUtilization;
                memoryMb += instance.Spec.MemoryMb;
            }
        }

        return new Resources((long)cpuMhz, memoryMb);
    }

    private sealed class Instance(VmId id, VmSpec spec, long incarnation, VmPowerState state)
    {
        public VmId Id { get; } = id;

        public VmSpec Spec { get; } = spec;

        public long Incarnation { get; } = incarnation;

        public VmPowerState State { get; set; } = state;
    }
}
