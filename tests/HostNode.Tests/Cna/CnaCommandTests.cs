using Cluster.HostNode.Hypervisor;
using Cluster.Messages;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

public sealed class CnaCommandTests
{
    private static readonly VmId Web = VmId.From("vm-0001");

    [Fact]
    public void A_command_of_an_older_epoch_is_refused_with_StaleEpochRejected_and_not_executed()
    {
        var harness = new CnaHarness();
        harness.Send(new StartVm(2, 1, Web, Spec("web"), 1), Controller2);

        var stale = harness.Send(new StopVm(1, 2, Web, Graceful: true), Controller1);

        Assert.Equal(new StaleEpochRejected(2, 2, 1), Assert.Single(stale.SentTo<StaleEpochRejected>(Controller1)));
        Assert.Empty(stale.HypervisorCallsOf());
        Assert.Equal(VmPowerState.Running, Assert.Single(harness.Hypervisor.Report()).PowerState);
    }

    [Fact]
    public void An_accepted_registration_raises_the_epoch_that_fences_older_commands()
    {
        var harness = new CnaHarness();
        harness.Send(new HostRegistrationAccepted(Host, 5), Controller1);

        var stale = harness.Send(new StartVm(4, 1, Web, Spec("web"), 1), Controller2);

        Assert.Single(stale.SentTo<StaleEpochRejected>(Controller2));
        Assert.Empty(harness.Hypervisor.Report());
        Assert.Equal(5, harness.Cna.HighestEpoch);
    }

    [Fact]
    public void Without_leases_a_start_runs_at_once_is_accepted_and_reported_to_the_asker_only()
    {
        var harness = new CnaHarness();
        var spec = Spec("web");

        var start = harness.Send(new StartVm(1, 9, Web, spec, 3), Controller1);

        Assert.Equal(new StartGuest(Web, spec, 3), Assert.Single(start.HypervisorCallsOf()));
        Assert.Equal(new CommandAccepted(9), Assert.Single(start.SentTo<CommandAccepted>(Controller1)));
        Assert.Equal(3, Assert.Single(Assert.Single(start.SentTo<Heartbeat>(Controller1)).Vms).Incarnation);
        Assert.DoesNotContain(start.Messages, m => m.To == Controller2);
    }

    [Fact]
    public void A_refused_hypervisor_call_is_answered_with_the_hypervisors_reason()
    {
        var harness = new CnaHarness();
        var tooBig = Spec("huge") with { MemoryMb = 1_000_000 };

        var start = harness.Send(new StartVm(1, 4, Web, tooBig, 1), Controller1);

        var rejected = Assert.Single(start.SentTo<CommandRejected>(Controller1));
        Assert.StartsWith("not enough memory", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_delete_and_kill_reach_the_hypervisor_with_their_arguments()
    {
        var harness = new CnaHarness();
        harness.Send(new StartVm(1, 1, Web, Spec("web"), 1), Controller1);

        var stop = harness.Send(new StopVm(1, 2, Web, Graceful: false), Controller1);
        var kill = harness.Send(new KillStaleInstance(1, 3, Web, 1), Controller1);
        var delete = harness.Send(new DeleteVm(1, 4, Web), Controller1);

        Assert.Equal(new StopGuest(Web, false), Assert.Single(stop.HypervisorCallsOf()));
        Assert.Equal(new KillGuestIncarnation(Web, 1), Assert.Single(kill.HypervisorCallsOf()));
        Assert.Equal(new DeleteGuest(Web), Assert.Single(delete.HypervisorCallsOf()));
        Assert.Equal([2L, 3L, 4L], [.. new[] { stop, kill, delete }.Select(o => Assert.Single(o.SentTo<CommandAccepted>(Controller1)).CommandId)]);
        Assert.Empty(harness.Hypervisor.Report());
    }
}
