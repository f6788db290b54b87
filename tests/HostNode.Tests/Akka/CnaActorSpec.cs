using Akka.Actor;
using Akka.TestKit;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using Cluster.Runtime.Deciders;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using static Cluster.HostNode.Tests.Akka.HostSpecConfig;

namespace Cluster.HostNode.Tests.Akka;

/// <summary>
/// The CNA actor with a TestProbe standing in for the VRM singleton proxy, on virtual time: heartbeats every 3 s,
/// VM agents as child actors taking and renewing storage leases, fencing before the lease can expire.
/// </summary>
public sealed class CnaActorSpec(ITestOutputHelper output) : global::Akka.TestKit.Xunit2.TestKit(Hocon, output: output)
{
    private static readonly VmId Web = VmId.From("vm-0001");

    // The CNA names a VM's first child after the VM and a counter.
    private static readonly string WebChild = $"{Web.Value}-1";

    private readonly SimulatedHypervisor _hypervisor = new(Hardware);
    private readonly LeaseLedger _ledger = new();

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void It_registers_through_the_proxy_then_heartbeats_every_3_seconds_of_virtual_time()
    {
        var vrm = CreateTestProbe();
        var cna = StartCna(vrm, Settings() with { StorageUnusableBecause = "no store" });

        var register = vrm.ExpectMsg<HostRegister>();
        cna.Tell(new HostRegistrationAccepted(Host, 1), vrm.Ref);
        Settle(cna);
        vrm.ExpectNoMsg(TimeSpan.Zero);
        Scheduler.Advance(TimeSpan.FromSeconds(2.9));
        Settle(cna);
        vrm.ExpectNoMsg(TimeSpan.Zero);
        Scheduler.Advance(TimeSpan.FromSeconds(0.1));
        var first = vrm.ExpectMsg<Heartbeat>();
        Scheduler.Advance(TimeSpan.FromSeconds(3));
        var second = vrm.ExpectMsg<Heartbeat>();

        Assert.Equal(Host, register.HostId);
        Assert.EndsWith("/user/cna", register.Address, StringComparison.Ordinal);
        Assert.Equal((1L, 2L), (first.Seq, second.Seq));
        Assert.Equal("no store", Assert.Single(first.Datastores!).Problem);
    }

    [Fact]
    public async Task A_start_takes_the_lease_in_the_vms_own_child_and_is_answered_to_whoever_asked()
    {
        var vrm = CreateTestProbe();
        var store = new InMemoryStorageLeaseStore(new SchedulerTime(Sys.Scheduler));
        var cna = StartCna(vrm, Settings() with { StorageLeases = store, AgentsAsChildren = true });
        vrm.ExpectMsg<HostRegister>();

        cna.Tell(new StartVm(1, 5, Web, Spec("web"), 2), vrm.Ref);

        Assert.Equal(new CommandAccepted(5), vrm.ExpectMsg<CommandAccepted>());
        var report = Assert.Single(vrm.ExpectMsg<Heartbeat>().Vms);
        Assert.Equal((Web, VmPowerState.Running, 2L), (report.VmId, report.PowerState, report.Incarnation));
        Assert.Equal(Host.Value, (await store.ReadAsync(Ds1.Value, Web.Value))!.HolderHostId);
        Assert.Equal(Web, Assert.Single(_ledger.Held()).Vm);
        Assert.NotNull(Identify(cna.Path / WebChild));
    }

    [Fact]
    public async Task A_vm_whose_lease_cannot_be_renewed_is_fenced_15_seconds_after_the_last_success_before_the_20_second_lease_expires()
    {
        var vrm = CreateTestProbe();
        var store = new InMemoryStorageLeaseStore(new SchedulerTime(Sys.Scheduler));
        var cna = StartCna(vrm, Settings() with { StorageLeases = store, AgentsAsChildren = true });
        vrm.ExpectMsg<HostRegister>();
        cna.Tell(new StartVm(1, 5, Web, Spec("web"), 2), vrm.Ref);
        vrm.ExpectMsg<CommandAccepted>();
        store.DisconnectHost(Host.Value);

        var agent = Identify(cna.Path / WebChild)!;
        var watcher = CreateTestProbe();
        watcher.Watch(agent);

        // TestScheduler fires a periodic timer once per Advance, so time moves one renew interval at a time.
        AdvanceAndSettle(cna, TimeSpan.FromSeconds(5));
        AdvanceAndSettle(cna, TimeSpan.FromSeconds(5));
        AdvanceAndSettle(cna, TimeSpan.FromSeconds(4.9));
        var beforeDeadline = Assert.Single(_hypervisor.Report()).PowerState;
        AdvanceAndSettle(cna, TimeSpan.FromSeconds(0.1));

        Assert.Equal(VmPowerState.Running, beforeDeadline);
        Assert.Equal(VmPowerState.Crashed, Assert.Single(_hypervisor.Report()).PowerState);
        Assert.True(Scheduler.Now - Start < (await store.ReadAsync(Ds1.Value, Web.Value))!.Ttl, "fenced before the lease could expire");
        watcher.ExpectTerminated(agent);
        Assert.Empty(_ledger.Held());
    }

    [Fact]
    public async Task A_cna_started_again_adopts_the_running_vm_and_keeps_renewing_the_same_lease()
    {
        var vrm = CreateTestProbe();
        var store = new InMemoryStorageLeaseStore(new SchedulerTime(Sys.Scheduler));
        var settings = Settings() with { StorageLeases = store, AgentsAsChildren = true };
        var first = StartCna(vrm, settings, "cna-before");
        vrm.ExpectMsg<HostRegister>();
        first.Tell(new StartVm(1, 5, Web, Spec("web"), 2), vrm.Ref);
        vrm.ExpectMsg<CommandAccepted>();
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        var renewedBefore = (await store.ReadAsync(Ds1.Value, Web.Value))!.RenewedAt;

        Scheduler.Advance(TimeSpan.FromSeconds(1));

        var second = StartCna(vrm, settings, "cna-after");
        Settle(second);
        AdvanceAndSettle(second, TimeSpan.FromSeconds(5));

        var renewed = (await store.ReadAsync(Ds1.Value, Web.Value))!;
        Assert.Equal((Host.Value, 2L), (renewed.HolderHostId, renewed.Incarnation));
        Assert.Equal(renewedBefore + TimeSpan.FromSeconds(6), renewed.RenewedAt);
        Assert.Equal(VmPowerState.Running, Assert.Single(_hypervisor.Report()).PowerState);
    }

    [Fact]
    public async Task A_vm_child_that_fails_restarts_the_cna_which_adopts_the_vm_again_and_keeps_renewing()
    {
        var vrm = CreateTestProbe();
        var store = new InMemoryStorageLeaseStore(new SchedulerTime(Sys.Scheduler));
        var cna = StartCna(vrm, Settings() with { StorageLeases = store, AgentsAsChildren = true });
        vrm.ExpectMsg<HostRegister>();
        cna.Tell(new StartVm(1, 5, Web, Spec("web"), 2), vrm.Ref);
        vrm.ExpectMsg<CommandAccepted>();
        var renewedBefore = (await store.ReadAsync(Ds1.Value, Web.Value))!.RenewedAt;

        EventFilter.Exception<EffectFailedException>().ExpectOne(() => Identify(cna.Path / WebChild)!.Tell(new EffectFaulted("a lease call", new IOException("boom"))));
        vrm.FishForMessage(m => m is HostRegister);
        Settle(cna);
        AdvanceAndSettle(cna, TimeSpan.FromSeconds(5));

        Assert.Equal(renewedBefore + TimeSpan.FromSeconds(5), (await store.ReadAsync(Ds1.Value, Web.Value))!.RenewedAt);
        Assert.Equal(VmPowerState.Running, Assert.Single(_hypervisor.Report()).PowerState);
    }

    [Fact]
    public void A_cna_started_after_a_rejoin_refuses_an_epoch_its_predecessor_saw_superseded()
    {
        var vrm = CreateTestProbe();
        var epochs = new EpochMemory();
        var first = StartCna(vrm, Settings(), "cna-before", epochs);
        vrm.ExpectMsg<HostRegister>();
        first.Tell(new HostRegistrationAccepted(Host, 7), vrm.Ref);
        Settle(first);
        Assert.Equal(7, epochs.Highest);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        // Not yet registered with anyone: without the memory it would take the deposed epoch 6 as the newest seen.
        var second = StartCna(vrm, Settings(), "cna-after", epochs);
        vrm.ExpectMsg<HostRegister>();
        second.Tell(new StopVm(6, 9, Web, Graceful: false), vrm.Ref);

        Assert.Equal(new StaleEpochRejected(9, 7, 6), vrm.ExpectMsg<StaleEpochRejected>());
    }

    private DateTimeOffset Start { get; set; }

    /// <summary>Starts a CNA; it sets its timers in PreStart, so a test moves time only once it has answered (see <see cref="Settle"/>).</summary>
    private IActorRef StartCna(TestProbe vrm, CnaSettings settings, string name = "cna", EpochMemory? epochs = null)
    {
        Start = Scheduler.Now;
        return Sys.ActorOf(CnaActor.Props(settings, new SynchronizedHypervisor(_hypervisor), vrm.Ref, _ledger, NullLogger.Instance, epochs), name);
    }

    /// <summary>Moves virtual time, then waits until the CNA and its VM child have handled what that fired.</summary>
    private void AdvanceAndSettle(IActorRef cna, TimeSpan by)
    {
        Scheduler.Advance(by);
        Settle(cna);
    }

    /// <summary>
    /// Every message already in the CNA's mailbox is handled once it answers Identify, and so is whatever it sent the
    /// VM's child meanwhile once that answers too (a path with no actor answers at once, with no subject).
    /// </summary>
    private void Settle(IActorRef cna)
    {
        Identify(cna.Path);
        Identify(cna.Path / WebChild);
    }

    private IActorRef? Identify(ActorPath path)
    {
        Sys.ActorSelection(path).Tell(new Identify(path), TestActor);
        return ExpectMsg<ActorIdentity>().Subject;
    }
}
