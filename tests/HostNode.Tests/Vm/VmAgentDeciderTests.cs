using Cluster.Deciders;
using Cluster.Deciders.Testing;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using static Cluster.Deciders.Testing.TestClock;
using static Cluster.HostNode.Tests.Cna.CnaHarness;
using static Cluster.HostNode.Tests.Vm.VmAgentFixture;

namespace Cluster.HostNode.Tests.Vm;

public sealed class VmAgentDeciderTests
{
    private static readonly Peer Cna = Parent;
    private static readonly VmSpec WebSpec = Spec("web");
    private static readonly StartVmRequested StartWeb = new(new StartVm(1, 5, Web, WebSpec, 2), Controller1);

    private readonly DeciderHarness<VmAgentDecider> _agent = new(NewAgent());

    public VmAgentDeciderTests() => _agent.Start();

    [Fact]
    public void A_start_request_takes_the_lease_first_and_the_agent_stays_until_it_is_answered()
    {
        var step = _agent.At(1).Send(StartWeb, Cna);

        var acquire = Assert.IsType<AcquireStorageLease>(Assert.Single(step.Effects));
        Assert.Equal((Ds1, 2L, At(1)), (acquire.Datastore, acquire.Incarnation, acquire.StartedAt));
        Assert.False(step.Stopped);
    }

    [Fact]
    public void With_the_lease_acquired_the_vm_is_started_and_the_cna_told_once_it_runs()
    {
        var acquire = Request(1);

        var acquired = _agent.At(1.1).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(2), null), null));
        var start = Assert.IsType<PerformHypervisorOperation>(Assert.Single(acquired.Effects));
        var started = _agent.Answer(new HypervisorOperationPerformed(start, null));

        Assert.Equal(new StartGuest(Web, WebSpec, 2), start.Operation);
        Assert.Empty(acquired.Messages);
        Assert.Equal(new Outbound(Cna, new VmCommandFinished(Controller1, 5, null)), Assert.Single(started.Messages));
        Assert.Equal(2, _agent.Decider.HeldIncarnation);
        Assert.False(started.Stopped);
    }

    [Fact]
    public void A_refused_lease_is_reported_with_its_holder_and_the_agent_stops()
    {
        var acquire = Request(1);

        var refused = _agent.At(1.1).Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(1, "host-9"), AcquireRefusal.HeldByAnother), null));

        var finished = refused.ReplyTo<VmCommandFinished>(Cna);
        Assert.Contains("held by host-9", finished.Refusal, StringComparison.Ordinal);
        Assert.Empty(refused.Effects);
        Assert.True(refused.Stopped);
    }

    [Fact]
    public void Failed_renewals_fence_the_vm_exactly_when_the_lease_could_start_to_expire()
    {
        Running(acquiredAt: 1);
        Renew(5, RenewalOutcome.Failed);
        Renew(10, RenewalOutcome.Failed);

        var before = _agent.At(15.999).Send(CheckFence.Instance, Cna);
        var at = _agent.At(16).Send(CheckFence.Instance, Cna);

        Assert.Empty(before.Effects);
        Assert.Equal(new FenceGuest(Web), at.Effect<PerformHypervisorOperation>().Operation);
        Assert.True(at.Stopped);
        Assert.Null(_agent.Decider.HeldIncarnation);
    }

    [Fact]
    public void A_successful_renewal_moves_the_fence_deadline_to_its_attempts_start()
    {
        Running(acquiredAt: 1);
        Renew(5, RenewalOutcome.Succeeded);

        Assert.Empty(_agent.At(19.9).Send(CheckFence.Instance, Cna).Effects);
        Assert.Single(_agent.At(20).Send(CheckFence.Instance, Cna).Effects);
    }

    [Fact]
    public void A_lost_lease_fences_at_once()
    {
        Running(acquiredAt: 1);

        var renew = _agent.At(5).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Cna).Effect<RenewStorageLease>();
        var lost = _agent.At(5.1).Answer(new StorageLeaseRenewed(renew, RenewalOutcome.Lost));
        var check = _agent.Send(CheckFence.Instance, Cna);

        Assert.Empty(lost.Effects);
        Assert.Equal(new FenceGuest(Web), check.Effect<PerformHypervisorOperation>().Operation);
    }

    [Fact]
    public void The_answer_for_an_earlier_incarnation_does_not_renew_the_current_lease_and_is_not_unhandled()
    {
        Running(acquiredAt: 1);

        var stale = _agent.At(10).Answer(new StorageLeaseRenewed(new RenewStorageLease(Ds1, Web, 1, At(10)), RenewalOutcome.Succeeded));

        Assert.Null(stale.Unhandled);
        Assert.Single(_agent.At(16).Send(CheckFence.Instance, Cna).Effects);
    }

    [Fact]
    public void A_crashed_guest_gives_its_lease_back_instead_of_renewing_and_the_agent_stops()
    {
        Running(acquiredAt: 1);

        var tick = _agent.At(5).Send(new RenewLease(new HashSet<VmInstance>()), Cna);

        Assert.Equal(new ReleaseStorageLease(Ds1, Web, 2), Assert.Single(tick.Effects));
        Assert.True(tick.Stopped);
    }

    [Fact]
    public void A_guest_running_as_another_incarnation_does_not_keep_this_lease()
    {
        Running(acquiredAt: 1);

        var tick = _agent.At(5).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 3) }), Cna);

        Assert.IsType<ReleaseStorageLease>(Assert.Single(tick.Effects));
    }

    [Fact]
    public void An_input_the_agent_has_no_use_for_is_reported_unhandled()
    {
        Running(acquiredAt: 1);

        var stray = _agent.At(2).Send("not an agent input", Cna);

        Assert.Equal("not an agent input", stray.Unhandled);
        Assert.True(stray.IsEmpty);
    }

    [Fact]
    public void As_a_child_actor_the_agent_takes_the_answers_of_its_fence_and_of_its_release_silently()
    {
        var child = new DeciderHarness<IdleReportingAgent>(new IdleReportingAgent(NewAgent(), Web, Cna));
        child.Start();
        var acquire = child.At(1).Send(StartWeb, Cna).Effect<AcquireStorageLease>();
        var start = child.Answer(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(2), null), null)).Effect<PerformHypervisorOperation>();
        child.Answer(new HypervisorOperationPerformed(start, null));
        var fence = child.At(16).Send(CheckFence.Instance, Cna).Effect<PerformHypervisorOperation>();

        var fenced = child.Answer(new HypervisorOperationPerformed(fence, null));
        var released = child.Answer(NoAnswer.Instance);

        Assert.Equal(new FenceGuest(Web), fence.Operation);
        Assert.Null(fenced.Unhandled);
        Assert.Null(released.Unhandled);
    }

    private static StorageLease Lease(long incarnation, string holder = "host-1") => VmAgentFixture.Lease(Ds1, holder, incarnation);

    private AcquireStorageLease Request(double at) => _agent.At(at).Send(StartWeb, Cna).Effect<AcquireStorageLease>();

    private void Running(double acquiredAt)
    {
        var acquired = _agent.Answer(new StorageLeaseAcquired(Request(acquiredAt), new AcquireResult(Lease(2), null), null));
        _agent.Answer(new HypervisorOperationPerformed(acquired.Effect<PerformHypervisorOperation>(), null));
    }

    private void Renew(double at, RenewalOutcome outcome)
    {
        var renew = _agent.At(at).Send(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Cna).Effect<RenewStorageLease>();
        Assert.Equal(At(at), renew.StartedAt);
        _agent.At(at + 0.5).Answer(new StorageLeaseRenewed(renew, outcome));
    }
}
