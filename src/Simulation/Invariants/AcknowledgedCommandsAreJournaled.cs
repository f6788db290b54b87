using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// A command the VRM acknowledged has its event in the journal: checked once its answer is read, and for all of them
/// again at the end of the run (a journaled event must never go missing).
/// </summary>
public sealed class AcknowledgedCommandsAreJournaled : IInvariant
{
    private int _checked;

    public string Name => "acknowledged-commands-are-journaled";

    public InvariantScope Scope => InvariantScope.EveryStep;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var acknowledged = context.Acknowledged;
        var from = context.AtEnd ? 0 : _checked;
        List<string>? missing = null;
        for (var i = from; i < acknowledged.Count; i++)
        {
            if (!InJournal(context.Cluster, acknowledged[i]))
            {
                (missing ??= []).Add($"{acknowledged[i]} but its event is {(context.AtEnd ? "no longer" : "not")} in the journal");
            }
        }

        _checked = acknowledged.Count;
        return missing is null ? null : Problems.Describe(missing);
    }

    private static bool InJournal(SimulatedCluster cluster, AcknowledgedCommand command)
    {
        var vm = command.Answer.VmId;
        var after = command.JournalSequenceNrBefore;
        return command.Question switch
        {
            CreateVm => cluster.AnyEventAfter(after, e => e is VmCreated created && created.VmId == vm),
            PowerOnVm => cluster.AnyEventAfter(after, e => e is VmPowerStateChanged { To: VmPowerState.Starting } s && s.VmId == vm),

            // A stop of a VM already Stopping (sent again, e.g. forced) adds no event: the Stopping of this
            // incarnation, journaled before, is what it acknowledges.
            PowerOffVm => cluster.AnyEventAfter(0, e => e is VmPowerStateChanged { To: VmPowerState.Stopping } s && s.VmId == vm && s.Incarnation == command.Answer.Incarnation),
            RemoveVm => cluster.AnyEventAfter(after, e => e is VmDeleted deleted && deleted.VmId == vm),

            // A reconfigure answered with the VM is recorded first: live ones only once the host confirmed them.
            ReconfigureVm => cluster.AnyEventAfter(after, e => e is VmReconfigured reconfigured && reconfigured.VmId == vm),
            _ => true,
        };
    }
}
