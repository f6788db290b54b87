using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>A CNA started after its node was downed and rejoined takes over the VMs still running on the hypervisor.</summary>
public sealed class CnaAdoptionTests
{
    private static readonly VmId Web = VmId.From("vm-0001");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_agent_of_a_vm_still_running_keeps_renewing_its_lease_as_the_same_holder_and_incarnation(bool agentsAsChildren)
    {
        var harness = Rejoined(agentsAsChildren, lastRenewedAt: At(-3));

        var start = harness.Started;
        var tick = harness.At(5).Fire(RenewLeases.TimerKey);

        Assert.Empty(start.HypervisorCallsOf());
        Assert.Equal([Web], harness.Cna.AgentVms);
        Assert.Equal(new RenewStorageLease(Ds1, Web, 2, At(5)), tick.Effect<RenewStorageLease>());
        Assert.Equal(VmPowerState.Running, Assert.Single(harness.Hypervisor.Report()).PowerState);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_fence_deadline_of_an_adopted_lease_counts_from_its_last_confirmed_renewal(bool agentsAsChildren)
    {
        // Renewed last 10 s before the restart: 15 s of fencing budget end 5 s after it, whatever the new agent does.
        var harness = Rejoined(agentsAsChildren, lastRenewedAt: At(-10));
        var renew = harness.At(4.9).Fire(RenewLeases.TimerKey).Effect<RenewStorageLease>();
        harness.At(4.95).Answer(new StorageLeaseRenewed(renew, RenewalOutcome.Failed));

        var deadline = harness.At(5).Fire(RenewLeases.TimerKey);

        Assert.Equal(new FenceGuest(Web), Assert.Single(deadline.HypervisorCallsOf()));
        Assert.Equal(VmPowerState.Crashed, Assert.Single(harness.Hypervisor.Report()).PowerState);
    }

    [Fact]
    public void An_adopted_lease_is_renewed_at_once_not_at_the_next_tick()
    {
        var harness = Rejoined(agentsAsChildren: false, lastRenewedAt: At(-12));

        Assert.Equal(new RenewStorageLease(Ds1, Web, 2, At(0)), harness.Started.Effect<RenewStorageLease>());
    }

    [Fact]
    public void An_adopted_lease_already_overdue_fences_its_vm_at_start()
    {
        var harness = Rejoined(agentsAsChildren: false, lastRenewedAt: At(-15));

        var start = harness.Started;

        Assert.Equal(new FenceGuest(Web), Assert.Single(start.HypervisorCallsOf()));
        Assert.Empty(harness.Cna.AgentVms);
    }

    [Fact]
    public void A_lease_whose_vm_no_longer_runs_or_runs_as_another_incarnation_is_not_adopted()
    {
        var hypervisor = new SimulatedHypervisor(Hardware);
        hypervisor.Start(Web, Spec("web"), 3);
        var gone = VmId.From("vm-0009");
        var harness = new CnaHarness(
            s => s with { UsesStorageLeases = true, AdoptedLeases = [new AdoptedLease(Web, Ds1, 2, At(-1)), new AdoptedLease(gone, Ds1, 1, At(-1))] },
            hypervisor: hypervisor);

        Assert.Empty(harness.Cna.AgentVms);
    }

    private static CnaHarness Rejoined(bool agentsAsChildren, DateTimeOffset lastRenewedAt)
    {
        var hypervisor = new SimulatedHypervisor(Hardware);
        hypervisor.Start(Web, Spec("web"), 2);
        return new CnaHarness(
            s => s with { UsesStorageLeases = true, AgentsAsChildren = agentsAsChildren, AdoptedLeases = [new AdoptedLease(Web, Ds1, 2, lastRenewedAt)] },
            hypervisor: hypervisor);
    }
}
