namespace Cluster.HostNode.Hypervisor;

/// <summary>Runs hypervisor effects for any runtime (Akka's <see cref="Node.HostEffectRunner"/>, the simulation, the tests).</summary>
public sealed class HypervisorEffectRunner(IHypervisor hypervisor)
{
    public HypervisorOperationPerformed Run(PerformHypervisorOperation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HypervisorOperationPerformed(request, Perform(request.Operation));
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
