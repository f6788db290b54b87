using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

public sealed class CnaStorageLeaseTests
{
    private static readonly VmId Web = VmId.From("vm-0001");

    private static CnaHarness WithLeases() => new(s => s with { UsesStorageLeases = true });

    private static StorageLease Lease(string holder, long incarnation) =>
        new(Ds1.Value, Web.Value, holder, incarnation, 1, T0, StorageLeaseDefaults.Ttl, Released: false);

    [Fact]
    public void A_start_first_takes_the_lease_and_does_not_touch_the_hypervisor()
    {
        var harness = WithLeases();

        var start = harness.At(1).Send(new StartVm(1, 5, Web, Spec("web"), 2), Controller1);

        var acquire = start.Effect<AcquireStorageLease>();
        Assert.Equal((Ds1, Web, 2L, At(1)), (acquire.Datastore, acquire.Vm, acquire.Incarnation, acquire.StartedAt));
        Assert.Empty(start.HypervisorCallsOf());
        Assert.Empty(start.Messages);
        Assert.Empty(harness.Hypervisor.Report());
    }

    [Fact]
    public void The_vm_starts_only_once_the_lease_is_acquired_and_the_start_is_then_accepted()
    {
        var harness = WithLeases();
        var spec = Spec("web");
        var acquire = harness.At(1).Send(new StartVm(1, 5, Web, spec, 2), Controller1).Effect<AcquireStorageLease>();

        var acquired = harness.At(1.2).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Host.Value, 2), null), null));

        Assert.Equal(new StartGuest(Web, spec, 2), Assert.Single(acquired.HypervisorCallsOf()));
        Assert.Equal(new CommandAccepted(5), Assert.Single(acquired.SentTo<CommandAccepted>(Controller1)));
        Assert.Single(acquired.SentTo<Heartbeat>(Controller1));
        Assert.Equal([Web], harness.Cna.AgentVms);
    }

    [Fact]
    public void A_lease_held_elsewhere_rejects_the_start_naming_the_holder_and_starts_nothing()
    {
        var harness = WithLeases();
        var acquire = harness.At(1).Send(new StartVm(1, 5, Web, Spec("web"), 2), Controller1).Effect<AcquireStorageLease>();

        var refused = harness.At(1.2).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease("host-7", 1), AcquireRefusal.HeldByAnother), null));

        var rejected = Assert.Single(refused.SentTo<CommandRejected>(Controller1));
        Assert.Equal("storage lease of vm-0001 is held by host-7 (incarnation 1): HeldByAnother", rejected.Reason);
        Assert.Empty(refused.HypervisorCallsOf());
        Assert.Empty(harness.Hypervisor.Report());
        Assert.Empty(harness.Cna.AgentVms);
    }

    [Fact]
    public void An_unreachable_store_rejects_the_start_with_the_stores_error()
    {
        var harness = WithLeases();
        var acquire = harness.At(1).Send(new StartVm(1, 5, Web, Spec("web"), 2), Controller1).Effect<AcquireStorageLease>();

        var failed = harness.At(1.2).Answer(new StorageLeaseAcquired(acquire, null, "datastore ds-1 is unreachable"));

        Assert.Equal("storage unreachable for vm-0001: datastore ds-1 is unreachable", Assert.Single(failed.SentTo<CommandRejected>(Controller1)).Reason);
        Assert.Empty(harness.Hypervisor.Report());
    }

    [Fact]
    public void A_clean_stop_releases_the_lease_but_a_killed_stale_instance_only_forgets_it()
    {
        var stopHarness = Running();
        var stop = stopHarness.At(2).Send(new StopVm(1, 6, Web, Graceful: true), Controller1);
        var killHarness = Running();
        var kill = killHarness.At(2).Send(new KillStaleInstance(1, 6, Web, 2), Controller1);

        Assert.Equal(new ReleaseStorageLease(Ds1, Web, 2), stop.Effect<ReleaseStorageLease>());
        Assert.Empty(kill.Effects.OfType<ReleaseStorageLease>());
        Assert.Empty(stopHarness.Cna.AgentVms);
        Assert.Empty(killHarness.Cna.AgentVms);
    }

    [Fact]
    public void The_renew_tick_renews_every_running_vms_lease_from_the_tick_instant()
    {
        var harness = Running();

        var tick = harness.At(5).Fire(RenewLeases.TimerKey);

        Assert.Equal(new RenewStorageLease(Ds1, Web, 2, At(5)), tick.Effect<RenewStorageLease>());
        Assert.Empty(tick.HypervisorCallsOf());
    }

    [Fact]
    public void Renewals_failing_until_the_fence_deadline_fence_the_vm_at_the_tick_that_reaches_it()
    {
        var harness = Running();
        foreach (var second in new[] { 5.0, 10.0 })
        {
            var renew = harness.At(second).Fire(RenewLeases.TimerKey).Effect<RenewStorageLease>();
            Assert.Empty(harness.At(second + 0.5).Answer(new StorageLeaseRenewed(renew, RenewalOutcome.Failed)).HypervisorCallsOf());
        }

        // The lease was acquired by an attempt at 1 s: 15 s of fencing budget end at 16 s.
        var before = harness.At(15.9).Fire(RenewLeases.TimerKey);
        var deadline = harness.At(16).Fire(RenewLeases.TimerKey);

        Assert.Empty(before.HypervisorCallsOf());
        Assert.Equal(new FenceGuest(Web), Assert.Single(deadline.HypervisorCallsOf()));
        Assert.Equal(VmPowerState.Crashed, Assert.Single(harness.Hypervisor.Report()).PowerState);
        Assert.Empty(harness.Cna.AgentVms);
    }

    [Fact]
    public void A_renewal_answer_for_another_vm_fences_an_overdue_one_without_waiting_for_the_tick()
    {
        var harness = Running();
        var db = VmId.From("vm-0002");
        var acquireDb = harness.At(14).Send(new StartVm(1, 8, db, Spec("db"), 1), Controller1).Effect<AcquireStorageLease>();
        harness.At(14).Answer(new StorageLeaseAcquired(acquireDb, new AcquireResult(Lease(Host.Value, 1) with { VmId = db.Value }, null), null));
        var renewDb = harness.At(15).Fire(RenewLeases.TimerKey).Effects.OfType<RenewStorageLease>().Single(r => r.Vm == db);

        // web's deadline (16 s) passes before the next tick; db's renewal answer arrives after it.
        var answer = harness.At(16.5).Answer(new StorageLeaseRenewed(renewDb, RenewalOutcome.Succeeded));

        Assert.Equal(new FenceGuest(Web), Assert.Single(answer.HypervisorCallsOf()));
        Assert.Equal([db], harness.Cna.AgentVms);
    }

    [Fact]
    public void A_crashed_guest_gives_its_lease_back_at_the_next_tick()
    {
        var harness = Running();
        harness.Hypervisor.Fence(Web);

        var tick = harness.At(5).Fire(RenewLeases.TimerKey);

        Assert.Equal(new ReleaseStorageLease(Ds1, Web, 2), tick.Effect<ReleaseStorageLease>());
        Assert.Empty(tick.Effects.OfType<RenewStorageLease>());
        Assert.Empty(harness.Cna.AgentVms);
    }

    /// <summary>A host with leases running web (incarnation 2), whose lease was acquired by an attempt at 1 s.</summary>
    private static CnaHarness Running()
    {
        var harness = WithLeases();
        var acquire = harness.At(1).Send(new StartVm(1, 5, Web, Spec("web"), 2), Controller1).Effect<AcquireStorageLease>();
        harness.At(1).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Host.Value, 2), null), null));
        return harness;
    }
}
