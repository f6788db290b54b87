using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Vm;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>The VRM's commands: fenced by epoch, carried out on the hypervisor, answered, then reported at once.</summary>
public sealed partial class CnaDecider
{
    private void Execute(IHostCommand command, Peer from, DateTimeOffset now)
    {
        if (command.Epoch < _highestEpoch)
        {
            _step.Send(from, new StaleEpochRejected(command.CommandId, _highestEpoch, command.Epoch));
            return;
        }

        _highestEpoch = command.Epoch;
        if (command is CopyVmDisks or CancelDiskCopy)
        {
            ExecuteDiskCopy(command, from, now);
            return;
        }

        if (IsMigrationCommand(command))
        {
            ExecuteMigration(command, from, now);
            return;
        }

        if (command is StartVm start && _settings.UsesStorageLeases)
        {
            // The VM may only run once it holds its disks' write-lease: that is what stops a second instance.
            RouteToAgent(start.VmId, new StartVmRequested(start, from), now);
            return;
        }

        if (command is HotReconfigureVm reconfigure && _settings.UsesStorageLeases)
        {
            // The agent knows whether its instance runs and whether a migration has it: it decides.
            RouteToAgent(reconfigure.VmId, new HotReconfigureRequested(reconfigure, from), now);
            return;
        }

        HypervisorOperation? operation = command switch
        {
            StartVm startWithoutLease => new StartGuest(startWithoutLease.VmId, startWithoutLease.Spec, startWithoutLease.Incarnation),
            StopVm stop => new StopGuest(stop.VmId, stop.Graceful),
            DeleteVm delete => new DeleteGuest(delete.VmId),
            KillStaleInstance kill => new KillGuestIncarnation(kill.VmId, kill.Incarnation),
            HotReconfigureVm reconfigureWithoutLease => new HotReconfigureGuest(reconfigureWithoutLease.VmId, reconfigureWithoutLease.Incarnation, reconfigureWithoutLease.Spec),
            _ => null,
        };
        if (operation is null)
        {
            Reply(from, command.CommandId, $"unknown command {command.GetType().Name}");
            return;
        }

        _step.Run(new PerformHypervisorOperation(operation, new CommandReply(from, command.CommandId)));
    }

    private void OnHypervisorOperationPerformed(HypervisorOperationPerformed performed, DateTimeOffset now)
    {
        var operation = performed.Request.Operation;
        switch (performed.Request.Context)
        {
            case IVmAgentContext:
                RouteToAgent(operation.Vm, performed, now);
                break;
            case IDiskCopyContext:
                OnDiskCopyPerformed(performed, now);
                break;
            case CommandReply reply:
                AfterCommand(operation, performed.Refusal, now);
                Reply(reply.ReplyTo, reply.CommandId, performed.Refusal);
                break;
            case IsolationStop when performed.Refusal is null:
                // Releasing the lease right away lets HA restart the VM elsewhere without waiting for expiry.
                RouteToExistingAgent(operation.Vm, ReleaseLease.Instance, now);
                break;

            // Nothing follows an isolation stop the hypervisor refused, nor an in-process agent's fence (no context).
        }
    }

    private void AfterCommand(HypervisorOperation operation, string? refusal, DateTimeOffset now)
    {
        switch (operation)
        {
            case StopGuest or DeleteGuest when refusal is null:
                RouteToExistingAgent(operation.Vm, ReleaseLease.Instance, now);
                break;
            case KillGuestIncarnation kill:
                RouteToExistingAgent(kill.Vm, new ForgetIncarnation(kill.Incarnation), now);
                break;
            case QuitSourceGuest quit when refusal is null:
                RouteToExistingAgent(quit.Vm, new SourceQuit(quit.Incarnation), now);
                break;
            case DiscardIncomingGuest discard when refusal is null:
                RouteToExistingAgent(discard.Vm, new IncomingDiscarded(discard.Incarnation), now);
                break;
        }
    }

    /// <summary>Answers a command: refused, or done (with <paramref name="answer"/> if the command has an answer of its own).</summary>
    private void Reply(Peer controller, long commandId, string? refusal, IWireMessage? answer = null)
    {
        _step.Send(controller, refusal is null ? answer ?? new CommandAccepted(commandId) : new CommandRejected(commandId, refusal));

        // Report the change at once rather than at the next beat, so the inventory converges quickly.
        _step.Send(controller, Heartbeat());
    }
}
