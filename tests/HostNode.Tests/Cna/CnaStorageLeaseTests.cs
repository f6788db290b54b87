using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
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

        var start = harness.Feed(new StartVm(1, 5, Web, Spec("web"), 2), At(1), Controller1);

        var acquire = start.Effect<AcquireStorageLease>();
        Assert.Equal((Ds1, Web, 2L, At(1)), (acquire.Datastore, acquire.Vm, acquire.Incarnation, acquire.StartedAt));
        Assert.Empty(start.HypervisorCalls);
        Assert.Empty(start.Messages);
        Assert.Empty(harness.Hypervisor.Report());
    }

    [Fact]
    public void The_vm_starts_only_once_the_lease_is_acquired_and_the_start_is_then_accepted()
    {
        var harness = WithLeases();
        var spec = Spec("web");
        var acquire = harness.Feed(new StartVm(1, 5, Web, spec, 2), At(1), Controller1).Effect<AcquireStorageLease>();

        var acquired = harness.Feed(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Host.Value, 2), null), null), At(1.2));

        Assert.Equal(new StartGuest(Web, spec, 2), Assert.Single(acquired.HypervisorCalls));
        Assert.Equal(new CommandAccepted(5), Assert.Single(acquired.Sent<CommandAccepted>(Controller1)));
        Assert.Single(acquired.Sent<Heartbeat>(Controller1));
        Assert.Equal([Web], harness.Cna.AgentVms);
    }

    [Fact]
    public void A_lease_held_elsewhere_rejects_the_start_naming_the_holder_and_starts_nothing()
    {
        var harness = WithLeases();
        var acquire = harness.Feed(new StartVm(1, 5, Web, Spec("web"), 2), At(1), Controller1).Effect<AcquireStorageLease>();

        var refused = harness.Feed(new StorageLeaseAcquired(acquire, new AcquireResult(Lease("host-7", 1), AcquireRefusal.HeldByAnother), null), At(1.2));

        var rejected = Assert.Single(refused.Sent<CommandRejected>(Controller1));
        Assert.Equal("storage lease of vm-0001 is held by host-7 (incarnation 1): HeldByAnother", rejected.Reason);
        Assert.Empty(refused.HypervisorCalls);
        Assert.Empty(harness.Hypervisor.Report());
        Assert.Empty(harness.Cna.AgentVms);
    }

    [Fact]
    public void An_unreachable_store_rejects_the_start_with_the_stores_error()
    {
        var harness = WithLeases();
        var acquire = harness.Feed(new StartVm(1, 5, Web, Spec("web"), 2), At(1), Controller1).Effect<AcquireStorageLease>();

        var failed = harness.Feed(new StorageLeaseAcquired(acquire, null, "datastore ds-1 is unreachable"), At(1.2));

        Assert.Equal("storage unreachable for vm-0001: datastore ds-1 is unreachable", Assert.Single(failed.Sent<CommandRejected>(Controller1)).Reason);
        Assert.Empty(harness.Hypervisor.Report());
    }

    [Fact]
    public void A_clean_stop_releases_the_lease_but_a_killed_stale_instance_only_forgets_it()
    {
        var stopHarness = Running();
        var stop = stopHarness.Feed(new StopVm(1, 6, Web, Graceful: true), At(2), Controller1);
        var killHarness = Running();
        var kill = killHarness.Feed(new KillStaleInstance(1, 6, Web, 2), At(2), Controller1);

        Assert.Equal(new ReleaseStorageLease(Ds1, Web, 2), stop.Effect<ReleaseStorageLease>());
        Assert.Empty(kill.Effects.OfType<ReleaseStorageLease>());
        Assert.Empty(stopHarness.Cna.AgentVms);
        Assert.Empty(killHarness.Cna.AgentVms);
    }

    [Fact]
    public void The_renew_tick_renews_every_running_vms_lease_from_the_tick_instant()
    {
        var harness = Running();

        var tick = harness.Feed(RenewLeases.Instance, At(5));

        Assert.Equal(new RenewStorageLease(Ds1, Web, 2, At(5)), tick.Effect<RenewStorageLease>());
        Assert.Empty(tick.HypervisorCalls);
    }

    [Fact]
    public void Renewals_failing_until_the_fence_deadline_fence_the_vm_at_the_tick_that_reaches_it()
    {
        var harness = Running();
        foreach (var second in new[] { 5.0, 10.0 })
        {
            var renew = harness.Feed(RenewLeases.Instance, At(second)).Effect<RenewStorageLease>();
            Assert.Empty(harness.Feed(new StorageLeaseRenewed(renew, RenewalOutcome.Failed), At(second + 0.5)).HypervisorCalls);
        }

        // The lease was acquired by an attempt at 1 s: 15 s of fencing budget end at 16 s.
        var before = harness.Feed(RenewLeases.Instance, At(15.9));
        var deadline = harness.Feed(RenewLeases.Instance, At(16));

        Assert.Empty(before.HypervisorCalls);
        Assert.Equal(new FenceGuest(Web), Assert.Single(deadline.HypervisorCalls));
        Assert.Equal(VmPowerState.Crashed, Assert.Single(harness.Hypervisor.Report()).PowerState);
        Assert.Empty(harness.Cna.AgentVms);
    }

    [Fact]
    public void A_renewal_answer_for_another_vm_fences_an_overdue_one_without_waiting_for_the_tick()
    {
        var harness = Running();
        var db = VmId.From("vm-0002");
        var acquireDb = harness.Feed(new StartVm(1, 8, db, Spec("db"), 1), At(14), Controller1).Effect<AcquireStorageLease>();
        harness.Feed(new StorageLeaseAcquired(acquireDb, new AcquireResult(Lease(Host.Value, 1) with { VmId = db.Value }, null), null), At(14));
        var renewDb = harness.Feed(RenewLeases.Instance, At(15)).Effects.OfType<RenewStorageLease>().Single(r => r.Vm == db);

        // web's deadline (16 s) passes before the next tick; db's renewal answer arrives after it.
        var answer = harness.Feed(new StorageLeaseRenewed(renewDb, RenewalOutcome.Succeeded), At(16.5));

        Assert.Equal(new FenceGuest(Web), Assert.Single(answer.HypervisorCalls));
        Assert.Equal([db], harness.Cna.AgentVms);
    }

    [Fact]
    public void A_crashed_guest_gives_its_lease_back_at_the_next_tick()
    {
        var harness = Running();
        harness.Hypervisor.Fence(Web);

        var tick = harness.Feed(RenewLeases.Instance, At(5));

        Assert.Equal(new ReleaseStorageLease(Ds1, Web, 2), tick.Effect<ReleaseStorageLease>());
        Assert.Empty(tick.Effects.OfType<RenewStorageLease>());
        Assert.Empty(harness.Cna.AgentVms);
    }

    /// <summary>A host with leases running web (incarnation 2), whose lease was acquired by an attempt at 1 s.</summary>
    private static CnaHarness Running()
    {
        var harness = WithLeases();
        var acquire = harness.Feed(new StartVm(1, 5, Web, Spec("web"), 2), At(1), Controller1).Effect<AcquireStorageLease>();
        harness.Feed(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(Host.Value, 2), null), null), At(1));
        return harness;
    }
}
