using Cluster.Deciders;
using Cluster.Deciders.Testing;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.HostNode.Tests.Cna.CnaHarness;
using static Cluster.HostNode.Tests.Vm.VmAgentFixture;

namespace Cluster.HostNode.Tests.Vm;

/// <summary>A VM agent reconfiguring its running guest in place: only the instance it holds the lease of, never mid-migration.</summary>
public sealed class VmAgentHotReconfigureTests
{
    private static readonly Peer Cna = Parent;
    private static readonly VmSpec Grown = Spec("web") with { Vcpus = 4, MemoryMb = Spec("web").MemoryMb + 1024 };

    private readonly DeciderHarness<VmAgentDecider> _agent = new(NewAgent());

    public VmAgentHotReconfigureTests() => _agent.Start();

    [Fact]
    public void The_hypervisor_applies_it_and_the_cna_is_told_once_it_has()
    {
        RunningWithLease();

        var asked = _agent.At(1).Send(Request(incarnation: 2), Cna);
        var operation = asked.Effect<PerformHypervisorOperation>();
        var applied = _agent.Answer(new HypervisorOperationPerformed(operation, null));

        Assert.Equal(new HotReconfigureGuest(Web, 2, Grown), operation.Operation);
        Assert.Empty(asked.Messages);
        Assert.Equal(new VmCommandFinished(Controller1, 20, null), applied.ReplyTo<VmCommandFinished>(Cna));
        Assert.False(applied.Stopped);
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void The_hypervisors_refusal_is_the_answer()
    {
        RunningWithLease();
        var operation = _agent.At(1).Send(Request(incarnation: 2), Cna).Effect<PerformHypervisorOperation>();

        var refused = _agent.Answer(new HypervisorOperationPerformed(operation, "memoryMb: not enough memory"));

        Assert.Equal("memoryMb: not enough memory", refused.ReplyTo<VmCommandFinished>(Cna).Refusal);
    }

    [Fact]
    public void An_agent_that_holds_no_lease_refuses_without_the_hypervisor_and_stops()
    {
        var none = _agent.At(1).Send(Request(incarnation: 2), Cna);

        Assert.Contains("does not run here as incarnation 2", none.ReplyTo<VmCommandFinished>(Cna).Refusal, StringComparison.Ordinal);
        Assert.Empty(none.Effects);
        Assert.True(none.Stopped);
    }

    [Fact]
    public void An_older_incarnation_than_the_one_held_is_refused_without_the_hypervisor()
    {
        RunningWithLease();

        var older = _agent.At(2).Send(Request(incarnation: 1), Cna);

        Assert.Contains("incarnation 1", older.ReplyTo<VmCommandFinished>(Cna).Refusal, StringComparison.Ordinal);
        Assert.Empty(older.Effects);
        Assert.False(older.Stopped);
    }

    [Fact]
    public void A_guest_whose_disks_are_being_mirrored_is_not_changed()
    {
        RunningWithLease();
        var mirror = new StartDiskMirror(1, 10, Web, MigrationId.From("mig-0001"), 2, DatastoreId.From("ds-2"), 200);
        _agent.At(1).Send(new DiskMirrorRequested(mirror, Controller1), Cna);

        var refused = _agent.At(2).Send(Request(incarnation: 2), Cna);

        Assert.Contains("migration", refused.ReplyTo<VmCommandFinished>(Cna).Refusal, StringComparison.Ordinal);
        Assert.Empty(refused.Effects);
    }

    private static HotReconfigureRequested Request(long incarnation) => new(new HotReconfigureVm(1, 20, Web, incarnation, Grown), Controller1);

    private static StorageLease Lease(long incarnation) => VmAgentFixture.Lease(Ds1, Host.Value, incarnation);

    private void RunningWithLease()
    {
        StartWithLease(_agent);
    }
}
