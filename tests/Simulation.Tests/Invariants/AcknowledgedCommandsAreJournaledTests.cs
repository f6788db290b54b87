using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class AcknowledgedCommandsAreJournaledTests
{
    [Fact]
    public void A_start_whose_event_is_in_the_journal_holds_after_the_step_and_at_the_end()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var start = new AcknowledgedCommand(new PowerOnVm(vm.VmId), vm, JournalSequenceNrBefore: 0);

        Assert.Empty(CheckStepThenEnd(new AcknowledgedCommandsAreJournaled(), cluster, start));
    }

    [Fact]
    public void A_start_acknowledged_without_its_event_is_reported_after_the_step_and_again_at_the_end()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var afterEverything = cluster.Journal.HighestSequenceNr(SimulatedCluster.Vrm);
        var start = new AcknowledgedCommand(new PowerOnVm(vm.VmId), vm, afterEverything);

        var violations = CheckStepThenEnd(new AcknowledgedCommandsAreJournaled(), cluster, start);

        Assert.Equal(
            [$"{start} but its event is not in the journal", $"{start} but its event is no longer in the journal"],
            violations.Select(v => v.Description));
        Assert.All(violations, v => Assert.Equal("acknowledged-commands-are-journaled", v.Invariant));
    }

    [Fact]
    public void A_stop_is_acknowledged_by_the_stopping_of_its_incarnation_however_long_ago()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var stopping = cluster.Ask<VmView>(new PowerOffVm(vm.VmId, Graceful: true));
        var stopAgain = new AcknowledgedCommand(new PowerOffVm(vm.VmId, Graceful: false), stopping, cluster.Journal.HighestSequenceNr(SimulatedCluster.Vrm));
        var otherIncarnation = stopAgain with { Answer = stopping with { Incarnation = 7 } };

        Assert.Null(Check(new AcknowledgedCommandsAreJournaled(), cluster, stopAgain));
        Assert.NotNull(Check(new AcknowledgedCommandsAreJournaled(), cluster, otherIncarnation));
    }

    [Fact]
    public void Each_acknowledgement_is_checked_once_until_the_end()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var missing = new AcknowledgedCommand(new RemoveVm(vm.VmId), vm, 0);
        var invariant = new AcknowledgedCommandsAreJournaled();
        var context = new InvariantContext(cluster, [missing]);

        Assert.NotNull(invariant.Check(context));
        Assert.Null(invariant.Check(context));
    }
}
