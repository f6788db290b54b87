namespace Cluster.HostNode.Hypervisor;

/// <summary>Runs hypervisor effects for any runtime (Akka's <see cref="Node.HostEffectRunner"/>, the simulation, the tests).</summary>
public sealed class HypervisorEffectRunner(IHypervisor hypervisor)
{
    public HypervisorOperationPerformed Run(PerformHypervisorOperation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Operation switch
        {
            PrepareIncomingGuest prepare => Prepared(request, hypervisor.PrepareIncoming(prepare.Vm, prepare.Spec, prepare.Incarnation)),
            QueryGuestMigration query => hypervisor.QueryMigration(query.Vm, query.At) is { } status
                ? new HypervisorOperationPerformed(request, null, status)
                : new HypervisorOperationPerformed(request, $"no migration of VM {query.Vm} on this host"),
            QueryGuestDiskMirror query => hypervisor.QueryDiskMirror(query.Vm, query.At) is { } mirror
                ? new HypervisorOperationPerformed(request, null, mirror)
                : new HypervisorOperationPerformed(request, $"no disk mirror of VM {query.Vm} on this host"),
            QueryGuestDiskCopy query => hypervisor.QueryDiskCopy(query.Vm, query.At) is { } copy
                ? new HypervisorOperationPerformed(request, null, copy)
                : new HypervisorOperationPerformed(request, $"no disk copy of VM {query.Vm} on this host"),
            var operation => new HypervisorOperationPerformed(request, Perform(operation)),
        };
    }

    private static HypervisorOperationPerformed Prepared(PerformHypervisorOperation request, PreparedIncoming prepared) =>
        new(request, prepared.Refusal, prepared.Uri);

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
            case MigrateGuest migrate:
                return hypervisor.MigrateOut(migrate.Vm, migrate.Incarnation, migrate.TargetUri, migrate.Parameters, migrate.At);
            case CancelGuestMigration cancel:
                return hypervisor.CancelMigration(cancel.Vm);
            case ResumeIncomingGuest resume:
                return hypervisor.ResumeIncoming(resume.Vm, resume.Incarnation);
            case ResumeSourceGuest resume:
                return hypervisor.ResumeMigratedSource(resume.Vm, resume.Incarnation);
            case QuitSourceGuest quit:
                return hypervisor.QuitMigratedSource(quit.Vm, quit.Incarnation);
            case DiscardIncomingGuest discard:
                return hypervisor.DiscardIncoming(discard.Vm, discard.Incarnation);
            case MirrorGuestDisks mirror:
                return hypervisor.MirrorDisks(mirror.Vm, mirror.Incarnation, mirror.Datastore, mirror.MaxSpeedMibPerSecond, mirror.At);
            case PivotGuestDiskMirror pivot:
                return hypervisor.PivotDiskMirror(pivot.Vm);
            case CancelGuestDiskMirror cancel:
                return hypervisor.CancelDiskMirror(cancel.Vm);
            case HotReconfigureGuest reconfigure:
                return hypervisor.HotReconfigure(reconfigure.Vm, reconfigure.Incarnation, reconfigure.Spec);
            case CopyGuestDisks copy:
                return hypervisor.CopyDisks(copy.Vm, copy.Spec, copy.Datastore, copy.RateMibPerSecond, copy.At);
            case CancelGuestDiskCopy cancel:
                return hypervisor.CancelDiskCopy(cancel.Vm);
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown hypervisor operation");
        }
    }
}
