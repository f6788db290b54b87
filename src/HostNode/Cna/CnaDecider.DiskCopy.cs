using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// A cold migration's disk copy: the CNA, not a VM agent, runs it, since the VM runs nowhere and holds no lease. The
/// host copies only between datastores it is configured with, polls the copy every second and tells the controller
/// that asked, until the copy ends. A host that dies takes its copy with it; the controller's saga rolls back.
/// </summary>
public sealed partial class CnaDecider
{
    private readonly Dictionary<VmId, Peer> _copiesFor = [];

    private void ExecuteDiskCopy(IHostCommand command, Peer from, DateTimeOffset now)
    {
        switch (command)
        {
            case CopyVmDisks copy when CopyRefusal(copy) is { } refusal:
                Reply(from, copy.CommandId, refusal);
                break;
            case CopyVmDisks copy:
                _step.Run(new PerformHypervisorOperation(new CopyGuestDisks(copy.VmId, copy.Spec, copy.Datastore, copy.RateMiBPerSecond, now), new DiskCopyStart(copy, from)));
                break;
            case CancelDiskCopy cancel:
                _step.Run(new PerformHypervisorOperation(new CancelGuestDiskCopy(cancel.VmId), new CommandReply(from, cancel.CommandId)));
                break;
        }
    }

    private string? CopyRefusal(CopyVmDisks copy)
    {
        var missing = copy.Spec.Disks.Select(d => d.Datastore).Append(copy.Datastore).Distinct().Where(d => !_settings.Datastores.Contains(d)).ToList();
        return missing.Count == 0 ? null : $"host {_settings.HostId} does not reach {string.Join(", ", missing)}";
    }

    private void OnDiskCopyPerformed(HypervisorOperationPerformed performed, DateTimeOffset now)
    {
        switch (performed.Request.Context)
        {
            case DiskCopyStart start:
                if (performed.Refusal is null)
                {
                    _copiesFor[start.Command.VmId] = start.ReplyTo;
                    _step.StartPeriodicTimer(PollDiskCopy.TimerKey(start.Command.VmId), new PollDiskCopy(start.Command.VmId, start.Command.MigrationId), PollDiskCopy.Interval);
                }

                Reply(start.ReplyTo, start.Command.CommandId, performed.Refusal);
                break;
            case DiskCopyPoll poll when _copiesFor.TryGetValue(poll.Vm, out var controller):
                var status = performed.Result as DiskCopyStatus;
                var state = status?.State ?? DiskCopyState.Failed;
                if (state != DiskCopyState.Running)
                {
                    _copiesFor.Remove(poll.Vm);
                    _step.CancelTimer(PollDiskCopy.TimerKey(poll.Vm));
                }

                _step.Send(controller, new DiskCopyProgressReported(
                    poll.Migration,
                    state,
                    status is null ? 0 : (long)Math.Ceiling(status.RemainingBytes / MigrationUnits.BytesPerMib),
                    status is null ? 0 : (long)Math.Ceiling(status.DiskBytes / MigrationUnits.BytesPerMib),
                    status?.Error ?? performed.Refusal));
                break;
        }
    }

    private void PollCopy(PollDiskCopy poll, DateTimeOffset now)
    {
        if (_copiesFor.ContainsKey(poll.Vm))
        {
            _step.Run(new PerformHypervisorOperation(new QueryGuestDiskCopy(poll.Vm, now), new DiskCopyPoll(poll.Vm, poll.Migration)));
        }
        else
        {
            _step.CancelTimer(PollDiskCopy.TimerKey(poll.Vm));
        }
    }
}
