using Cluster.HostNode.Hypervisor;
using Cluster.Messages;

namespace Cluster.HostNode.Node;

/// <summary>
/// One hypervisor shared by the CNA actor and its VM actors, which run on different threads: every call holds one
/// lock, so a heartbeat's report never sees a VM half started. The simulated backend is not thread-safe on its own.
/// </summary>
public sealed class SynchronizedHypervisor(IHypervisor inner) : IHypervisor
{
    private readonly Lock _gate = new();

    public HostHardware Hardware => inner.Hardware;

    public Resources Used
    {
        get
        {
            lock (_gate)
            {
                return inner.Used;
            }
        }
    }

    public IReadOnlyList<VmRuntimeReport> Report()
    {
        lock (_gate)
        {
            return inner.Report();
        }
    }

    public string? Start(VmId vm, VmSpec spec, long incarnation)
    {
        lock (_gate)
        {
            return inner.Start(vm, spec, incarnation);
        }
    }

    public string? Stop(VmId vm, bool graceful)
    {
        lock (_gate)
        {
            return inner.Stop(vm, graceful);
        }
    }

    public string? Delete(VmId vm)
    {
        lock (_gate)
        {
            return inner.Delete(vm);
        }
    }

    public void KillIncarnation(VmId vm, long incarnation)
    {
        lock (_gate)
        {
            inner.KillIncarnation(vm, incarnation);
        }
    }

    public void Fence(VmId vm)
    {
        lock (_gate)
        {
            inner.Fence(vm);
        }
    }
}
