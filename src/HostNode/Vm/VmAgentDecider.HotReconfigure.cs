using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;

namespace Cluster.HostNode.Vm;

/// <summary>
/// A running guest reconfigured in place. Only the instance whose lease the agent holds is changed, and never while a
/// migration has it: the target of a live migration was defined with the old size, and a mirror copies the disks as they
/// were, so a change then would be lost or half applied. The hypervisor refuses anything that is not an addition.
/// </summary>
public sealed partial class VmAgentDecider
{
    private bool DecideHotReconfigure(object input, Step step)
    {
        switch (input)
        {
            case HotReconfigureRequested request:
                RequestHotReconfigure(request, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: HotReconfiguration reconfiguration } performed:
                Finish(reconfiguration.ReplyTo, reconfiguration.Command.CommandId, performed.Refusal, null, step);
                return true;
            default:
                return false;
        }
    }

    private void RequestHotReconfigure(HotReconfigureRequested request, Step step)
    {
        var command = request.Command;
        if (_held is not { } held || held.Incarnation != command.Incarnation)
        {
            Answer(request.ReplyTo, command.CommandId, $"VM {vm} does not run here as incarnation {command.Incarnation}", null, step);
            return;
        }

        if (InMigration)
        {
            Answer(request.ReplyTo, command.CommandId, $"VM {vm} is taking part in a migration; reconfigure it once the migration ended", null, step);
            return;
        }

        _commandsInFlight++;
        step.Run(new PerformHypervisorOperation(new HotReconfigureGuest(vm, command.Incarnation, command.Spec), new HotReconfiguration(command, request.ReplyTo)));
    }
}
