using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Vm;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// The VRM's live- and storage-migration commands. What moves the storage lease (prepare, start, cancel, resume, and
/// a disk mirror's start, pivot and cancel) goes to the VM's
/// agent, which holds the lease; destroying a paused instance (quit the source, discard the incoming one) is done here
/// and the agent told. Without storage leases there is nothing to keep two instances from writing at once, so the host
/// refuses to take part.
/// </summary>
public sealed partial class CnaDecider
{
    private static bool IsMigrationCommand(IHostCommand command) =>
        command is PrepareIncomingMigration or StartMigration or CancelMigration or ResumeMigratedVm or QuitMigratedSource or DiscardIncomingMigration
            or StartDiskMirror or PivotDiskMirror or CancelDiskMirror;

    private void ExecuteMigration(IHostCommand command, Peer from, DateTimeOffset now)
    {
        if (!_settings.UsesStorageLeases)
        {
            Reply(from, command.CommandId, $"host {_settings.HostId} has no storage leases, which a live migration needs to keep one writer");
            return;
        }

        switch (command)
        {
            case PrepareIncomingMigration prepare:
                RouteToAgent(prepare.VmId, new IncomingMigrationRequested(prepare, from), now);
                break;
            case StartMigration start:
                RouteToAgent(start.VmId, new OutgoingMigrationRequested(start, from), now);
                break;
            case CancelMigration cancel:
                RouteToAgent(cancel.VmId, new OutgoingMigrationCancelRequested(cancel, from), now);
                break;
            case ResumeMigratedVm resume:
                RouteToAgent(resume.VmId, new MigratedVmResumeRequested(resume, from), now);
                break;
            case StartDiskMirror mirror:
                RouteToAgent(mirror.VmId, new DiskMirrorRequested(mirror, from), now);
                break;
            case PivotDiskMirror pivot:
                RouteToAgent(pivot.VmId, new DiskMirrorPivotRequested(pivot, from), now);
                break;
            case CancelDiskMirror cancel:
                RouteToAgent(cancel.VmId, new DiskMirrorCancelRequested(cancel, from), now);
                break;
            case QuitMigratedSource quit:
                _step.Run(new PerformHypervisorOperation(new QuitSourceGuest(quit.VmId, quit.Incarnation), new CommandReply(from, quit.CommandId)));
                break;
            case DiscardIncomingMigration discard:
                _step.Run(new PerformHypervisorOperation(new DiscardIncomingGuest(discard.VmId, discard.Incarnation), new CommandReply(from, discard.CommandId)));
                break;
        }
    }
}
