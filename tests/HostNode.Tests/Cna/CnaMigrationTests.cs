using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>
/// Two hosts' CNAs carrying out a live migration on simulated hypervisors that share one migration network; the tests
/// play the controller and answer the storage-lease effects.
/// </summary>
public sealed class CnaMigrationTests
{
    private static readonly VmId Web = VmId.From("vm-0001");
    private static readonly HostId Source = Host;
    private static readonly HostId Target = HostId.From("host-2");
    private static readonly MigrationId Move = MigrationId.From("mig-0001");
    private static readonly MigrationParameters Transfer = new(1192, 300, AutoConverge: true);

    private readonly InProcessMigrationNetwork _network = new();
    private readonly GuestWorkloads _workloads = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_vm_moves_with_its_lease_which_the_source_gives_up_before_the_target_takes_it(bool agentsAsChildren)
    {
        var source = OnHost(Source, agentsAsChildren);
        var target = OnHost(Target, agentsAsChildren);
        Running(source.At(0), incarnation: 2);

        var prepared = target.At(1).Send(new PrepareIncomingMigration(1, 20, Web, Move, Spec("web"), 3), Controller1);
        var uri = prepared.ReplyTo<IncomingMigrationPrepared>(Controller1).Uri;
        var started = source.At(1).Send(new StartMigration(1, 21, Web, Move, 2, uri, Transfer), Controller1);
        var active = source.At(2).Fire(PollMigration.TimerKey(Web));
        source.At(3).Fire(PollMigration.TimerKey(Web));
        var completed = source.At(5).Fire(PollMigration.TimerKey(Web));
        var release = completed.Effect<ReleaseStorageLease>();
        var pausedSource = source.Hypervisor.Report();
        var released = source.Answer(new StorageLeaseReleased(release, null));
        var acquire = target.At(5).Send(new ResumeMigratedVm(1, 22, Web, Move, 3), Controller1).Effect<AcquireStorageLease>();
        var resumed = target.At(5.1).Answer(Granted(acquire, Target));
        var quit = source.At(5.2).Send(new QuitMigratedSource(1, 23, Web, Move, 2), Controller1);

        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Stopped, 3)], prepared.ReplyTo<Heartbeat>(Controller1).Vms);
        Assert.Equal(new CommandAccepted(21), started.ReplyTo<CommandAccepted>(Controller1));
        Assert.Equal(MigrationTransferStatus.Active, active.ReplyTo<MigrationProgressReported>(Controller1).Status);
        Assert.Empty(completed.SentTo<MigrationProgressReported>(Controller1));
        Assert.Equal((Web, 2L), (release.Vm, release.Incarnation));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Stopped, 2)], pausedSource);
        Assert.Equal(MigrationTransferStatus.Completed, released.ReplyTo<MigrationProgressReported>(Controller1).Status);
        Assert.Equal((Web, 3L), (acquire.Vm, acquire.Incarnation));
        Assert.Equal(new MigratedVmResumed(Move, 3), resumed.ReplyTo<MigratedVmResumed>(Controller1));
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Running, 3)], target.Hypervisor.Report());
        Assert.Equal(new CommandAccepted(23), quit.ReplyTo<CommandAccepted>(Controller1));
        Assert.Empty(source.Hypervisor.Report());
        Assert.Empty(source.Cna.AgentVms);
        Assert.Equal([Web], target.Cna.AgentVms);
    }

    [Fact]
    public void The_target_refuses_to_resume_while_the_source_holds_the_lease_and_keeps_the_instance_paused()
    {
        var source = OnHost(Source, agentsAsChildren: false);
        var target = OnHost(Target, agentsAsChildren: false);
        Running(source.At(0), incarnation: 2);
        var uri = target.At(1).Send(new PrepareIncomingMigration(1, 20, Web, Move, Spec("web"), 3), Controller1).ReplyTo<IncomingMigrationPrepared>(Controller1).Uri;
        source.Send(new StartMigration(1, 21, Web, Move, 2, uri, Transfer), Controller1);
        source.At(5).Fire(PollMigration.TimerKey(Web));

        var acquire = target.At(5).Send(new ResumeMigratedVm(1, 22, Web, Move, 3), Controller1).Effect<AcquireStorageLease>();
        var refused = target.At(5.1).Answer(HeldBy(acquire, Source, 2));

        Assert.Contains("held by host-1 (incarnation 2)", refused.ReplyTo<CommandRejected>(Controller1).Reason, StringComparison.Ordinal);
        Assert.Equal([new VmRuntimeReport(Web, VmPowerState.Stopped, 3)], target.Hypervisor.Report());
    }

    [Fact]
    public void Discarding_the_incoming_instance_destroys_it_and_the_agent_goes_with_it()
    {
        var target = OnHost(Target, agentsAsChildren: false);
        target.At(1).Send(new PrepareIncomingMigration(1, 20, Web, Move, Spec("web"), 3), Controller1);

        var discarded = target.At(2).Send(new DiscardIncomingMigration(1, 24, Web, Move, 3), Controller1);

        Assert.Equal(new CommandAccepted(24), discarded.ReplyTo<CommandAccepted>(Controller1));
        Assert.Empty(target.Hypervisor.Report());
        Assert.Empty(target.Cna.AgentVms);
    }

    [Fact]
    public void Without_storage_leases_a_host_takes_no_part_in_a_migration()
    {
        var target = new CnaHarness(s => s with { UsesStorageLeases = false });

        var refused = target.At(1).Send(new PrepareIncomingMigration(1, 20, Web, Move, Spec("web"), 3), Controller1);

        Assert.Contains("no storage leases", refused.ReplyTo<CommandRejected>(Controller1).Reason, StringComparison.Ordinal);
        Assert.Empty(refused.HypervisorCallsOf());
    }

    [Fact]
    public void A_migration_command_of_a_deposed_controller_is_refused_as_stale()
    {
        var source = OnHost(Source, agentsAsChildren: false);
        source.Send(new HostRegistrationAccepted(Source, 3), Controller2);

        var stale = source.At(1).Send(new CancelMigration(2, 25, Web, Move), Controller1);

        Assert.Equal(new StaleEpochRejected(25, 3, 2), stale.ReplyTo<StaleEpochRejected>(Controller1));
        Assert.Empty(stale.Effects);
    }

    private static StorageLeaseAcquired Granted(AcquireStorageLease request, HostId to) =>
        new(request, new AcquireResult(Lease(request, to, request.Incarnation), null), null);

    private static StorageLeaseAcquired HeldBy(AcquireStorageLease request, HostId holder, long incarnation) =>
        new(request, new AcquireResult(Lease(request, holder, incarnation), AcquireRefusal.HeldByAnother), null);

    private static StorageLease Lease(AcquireStorageLease request, HostId holder, long incarnation) =>
        new(request.Datastore.Value, request.Vm.Value, holder.Value, incarnation, 1, request.StartedAt, StorageLeaseDefaults.Ttl, Released: false);

    private static void Running(CnaHarness host, long incarnation)
    {
        var acquire = host.Send(new StartVm(1, 5, Web, Spec("web"), incarnation), Controller1).Effect<AcquireStorageLease>();
        host.Answer(Granted(acquire, Source));
    }

    private CnaHarness OnHost(HostId host, bool agentsAsChildren) => new(
        s => s with { HostId = host, UsesStorageLeases = true, AgentsAsChildren = agentsAsChildren },
        hypervisor: new SimulatedHypervisor(Hardware, site: new SimulatedHostSite(host.Value, _network, _workloads)));
}
