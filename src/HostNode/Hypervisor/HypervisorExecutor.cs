namespace Cluster.HostNode.Hypervisor;

/// <summary>Performs hypervisor effects for any runtime (the host node's actors and the simulation).</summary>
public sealed class HypervisorExecutor(IHypervisor hypervisor)
{
    public HypervisorResult Execute(HypervisorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HypervisorResult(request, Perform(request.Operation));
    }

    private string? Perform(HypervisorOperation operation)
    {
        switch (operation)
        {
            case StartGuest start:
                return hypervisor.Start(start.Vm, start.Spec, start.Incarnation);
            case StopGuest stop:
                return hypervisor.Stop(stop.Vm, stop.Graceful);
            case DeleteGuest delete:
                return hypervisor.Delete(delete.Vm);
            case KillGuestIncarnation kill:
                hypervisor.KillIncarnation(kill.Vm, kill.Incarnation);
                return null;
            case FenceGuest fence:
                hypervisor.Fence(fence.Vm);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown hypervisor operation");
        }
    }
}
