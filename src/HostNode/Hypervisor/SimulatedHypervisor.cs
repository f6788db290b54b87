using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// An in-process hypervisor: VMs are entries with a power state. It refuses a start that would exceed
/// the host's usable memory or vCPUs (VMs are not over-committed on memory), and reports CPU use as a
/// configurable share of each running VM's vCPUs. Live migration runs on the pre-copy model between the
/// hypervisors of one <see cref="InProcessMigrationNetwork"/>, or between host-node processes over TCP (<see cref="SimulatedHostSite"/>).
/// </summary>
public sealed partial class SimulatedHypervisor : IHypervisor
{
    private readonly SortedDictionary<VmId, SimulatedInstance> _vms = [];
    private readonly double _cpuUtilization;
    private readonly SimulatedHostSite _site;

    // Read at every heartbeat and, in the simulation, after every simulated second: built once per change. A report
    // handed out is never changed afterwards (a change builds a new one), so a heartbeat keeps what it was sent with.
    private VmRuntimeReport[]? _report;
    private SimulatedInstance[]? _instances;
    private Resources? _used;

    public SimulatedHypervisor(HostHardware hardware, double cpuUtilization = 0.2, SimulatedHostSite? site = null)
    {
        Hardware = hardware;
        _cpuUtilization = cpuUtilization;
        _site = site ?? SimulatedHostSite.Alone();
        _site.Transport.Attach(_site.HostName, this);
    }

    public HostHardware Hardware { get; }

    public Resources Used => _used ??= Measure();

    public string? Start(VmId vm, VmSpec spec, long incarnation)
    {
        if (_vms.TryGetValue(vm, out var existing) && existing.State == GuestState.Running)
        {
            return existing.Incarnation == incarnation ? null : $"VM {vm} already runs here as incarnation {existing.Incarnation}";
        }

        if (NoRoomFor(vm, spec) is { } refusal)
        {
            return refusal;
        }

        Put(new SimulatedInstance(vm, spec, incarnation, GuestState.Running));
        return null;
    }

    public string? Stop(VmId vm, bool graceful)
    {
        if (!_vms.TryGetValue(vm, out var instance))
        {
            return $"VM {vm} is not on this host";
        }

        Become(instance, GuestState.Stopped);
        return null;
    }

    public string? Delete(VmId vm)
    {
        if (_vms.TryGetValue(vm, out var instance) && instance.State == GuestState.Running)
        {
            return $"VM {vm} is running; stop it first";
        }

        Remove(vm);
        return null;
    }

    public void KillIncarnation(VmId vm, long incarnation)
    {
        if (_vms.TryGetValue(vm, out var instance) && instance.Incarnation == incarnation)
        {
            Remove(vm);
        }
    }

    public void Fence(VmId vm) => Crash(vm);

    /// <summary>Simulates a guest crash (blue screen): the VM is no longer running.</summary>
    public void Crash(VmId vm)
    {
        if (_vms.TryGetValue(vm, out var instance))
        {
            Become(instance, GuestState.Crashed);
        }
    }

    /// <summary>
    /// The datastore holding the write-lease of <paramref name="vm"/>'s instance here, for checks that read the lease store
    /// after every simulated step: a scan of the few instances, as a sorted dictionary's lookup allocates.
    /// </summary>
    public DatastoreId? LeaseDatastoreOf(VmId vm)
    {
        var instances = _instances ??= [.. _vms.Values];
        foreach (var instance in instances)
        {
            if (instance.Id == vm)
            {
                return instance.Spec.PrimaryDatastore;
            }
        }

        return null;
    }

    /// <summary>The guests running now with what defines them, for <c>--guest-state</c>.</summary>
    public IReadOnlyList<KeptGuest> RunningGuests() =>
        [.. _vms.Values.Where(v => v.State == GuestState.Running).Select(v => new KeptGuest(v.Id, v.Spec, v.Incarnation))];

    public IReadOnlyList<VmRuntimeReport> Report() =>
        _report ??= [.. _vms.Values.Select(v => new VmRuntimeReport(v.Id, v.PowerState, v.Incarnation))];

    /// <summary>Null if <paramref name="spec"/> fits beside the instances holding memory (other than <paramref name="vm"/>'s), else why not.</summary>
    private string? NoRoomFor(VmId vm, VmSpec spec)
    {
        var held = _vms.Values.Where(v => v.HoldsMemory && v.Id != vm).Sum(v => v.Spec.MemoryMb);
        if (held + spec.MemoryMb > Hardware.UsableMemoryMb)
        {
            return $"not enough memory: {spec.MemoryMb} MB asked, {Hardware.UsableMemoryMb - held} MB free";
        }

        return spec.Vcpus > Hardware.UsableVcpus ? $"VM has {spec.Vcpus} vCPUs, host only {Hardware.UsableVcpus} usable" : null;
    }

    /// <summary>Defines an instance, replacing whatever was defined for its VM.</summary>
    private void Put(SimulatedInstance instance)
    {
        Remove(instance.Id);
        _vms[instance.Id] = instance;
        Changed();
    }

    private void Become(SimulatedInstance instance, GuestState state)
    {
        CloseEndpoint(instance);
        instance.State = state;
        Changed();
    }

    private void Remove(VmId vm)
    {
        Forget(vm);
        _mirrors.Remove(vm);
        if (_vms.Remove(vm, out var removed))
        {
            CloseEndpoint(removed);
            Changed();
        }
    }

    private void CloseEndpoint(SimulatedInstance instance)
    {
        if (instance.Endpoint is { IsOpen: true } endpoint)
        {
            endpoint.Close();
        }
    }

    private void Changed()
    {
        _report = null;
        _instances = null;
        _used = null;
    }

    // Summed in id order like the LINQ sums it replaces, so the CPU figure rounds the same.
    private Resources Measure()
    {
        var cpuMhz = 0.0;
        var memoryMb = 0L;
        foreach (var instance in _vms.Values)
        {
            if (instance.State == GuestState.Running)
            {
                cpuMhz += instance.Spec.Vcpus * Hardware.ClockMhz * _cpuUtilization;
            }

            if (instance.HoldsMemory)
            {
                memoryMb += instance.Spec.MemoryMb;
            }
        }

        return new Resources((long)cpuMhz, memoryMb);
    }
}
