using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;
using Microsoft.Extensions.Logging.Abstractions;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Vm;

public sealed class VmAgentDeciderTests
{
    private static readonly VmId Web = VmId.From("vm-0001");
    private static readonly Peer Cna = new("cna-1");
    private static readonly VmSpec WebSpec = Spec("web");

    private readonly VmAgentDecider _agent = new(Web, Host, Cna, new LeaseFencingOptions(), NullLogger.Instance);

    [Fact]
    public void A_start_request_takes_the_lease_first_and_the_agent_stays_until_it_is_answered()
    {
        var step = _agent.Decide(new StartVmRequested(new StartVm(1, 5, Web, WebSpec, 2), Controller1), Cna, At(1));

        var acquire = Assert.IsType<AcquireStorageLease>(Assert.Single(step.Effects));
        Assert.Equal((Ds1, 2L, At(1)), (acquire.Datastore, acquire.Incarnation, acquire.StartedAt));
        Assert.False(step.StopRequested);
    }

    [Fact]
    public void With_the_lease_acquired_the_vm_is_started_and_the_cna_told_once_it_runs()
    {
        var acquire = Request(At(1));

        var acquired = _agent.Decide(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(2), null), null), Peer.None, At(1.1));
        var start = Assert.IsType<HypervisorRequest>(Assert.Single(acquired.Effects));
        var started = _agent.Decide(new HypervisorResult(start, null), Peer.None, At(1.1));

        Assert.Equal(new StartGuest(Web, WebSpec, 2), start.Operation);
        Assert.Empty(acquired.Messages);
        Assert.Equal(new Outbound(Cna, new VmCommandFinished(Controller1, 5, null)), Assert.Single(started.Messages));
        Assert.Equal(2, _agent.HeldIncarnation);
        Assert.False(started.StopRequested);
    }

    [Fact]
    public void A_refused_lease_is_reported_with_its_holder_and_the_agent_stops()
    {
        var acquire = Request(At(1));

        var refused = _agent.Decide(new StorageLeaseAcquired(acquire, new AcquireResult(Lease(1, "host-9"), AcquireRefusal.HeldByAnother), null), Peer.None, At(1.1));

        var finished = Assert.IsType<VmCommandFinished>(Assert.Single(refused.Messages).Message);
        Assert.Contains("held by host-9", finished.Refusal, StringComparison.Ordinal);
        Assert.Empty(refused.Effects);
        Assert.True(refused.StopRequested);
    }

    [Fact]
    public void Failed_renewals_fence_the_vm_exactly_when_the_lease_could_start_to_expire()
    {
        Running(acquiredAt: At(1));
        Renew(At(5), RenewalOutcome.Failed);
        Renew(At(10), RenewalOutcome.Failed);

        var before = _agent.Decide(CheckFence.Instance, Peer.None, At(15.999));
        var at = _agent.Decide(CheckFence.Instance, Peer.None, At(16));

        Assert.Empty(before.Effects);
        Assert.Equal(new FenceGuest(Web), Assert.IsType<HypervisorRequest>(Assert.Single(at.Effects)).Operation);
        Assert.True(at.StopRequested);
        Assert.Null(_agent.HeldIncarnation);
    }

    [Fact]
    public void A_successful_renewal_moves_the_fence_deadline_to_its_attempts_start()
    {
        Running(acquiredAt: At(1));
        Renew(At(5), RenewalOutcome.Succeeded);

        Assert.Empty(_agent.Decide(CheckFence.Instance, Peer.None, At(19.9)).Effects);
        Assert.Single(_agent.Decide(CheckFence.Instance, Peer.None, At(20)).Effects);
    }

    [Fact]
    public void A_lost_lease_fences_at_once()
    {
        Running(acquiredAt: At(1));

        var renew = _agent.Decide(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Peer.None, At(5));
        var lost = _agent.Decide(new StorageLeaseRenewed(Assert.IsType<RenewStorageLease>(Assert.Single(renew.Effects)), RenewalOutcome.Lost), Peer.None, At(5.1));
        var check = _agent.Decide(CheckFence.Instance, Peer.None, At(5.1));

        Assert.Empty(lost.Effects);
        Assert.Equal(new FenceGuest(Web), Assert.IsType<HypervisorRequest>(Assert.Single(check.Effects)).Operation);
    }

    [Fact]
    public void The_answer_for_an_earlier_incarnation_does_not_renew_the_current_lease()
    {
        Running(acquiredAt: At(1));

        _agent.Decide(new StorageLeaseRenewed(new RenewStorageLease(Ds1, Web, 1, At(10)), RenewalOutcome.Succeeded), Peer.None, At(10));

        Assert.Single(_agent.Decide(CheckFence.Instance, Peer.None, At(16)).Effects);
    }

    [Fact]
    public void A_crashed_guest_gives_its_lease_back_instead_of_renewing_and_the_agent_stops()
    {
        Running(acquiredAt: At(1));

        var tick = _agent.Decide(new RenewLease(new HashSet<VmInstance>()), Peer.None, At(5));

        Assert.Equal(new ReleaseStorageLease(Ds1, Web, 2), Assert.Single(tick.Effects));
        Assert.True(tick.StopRequested);
    }

    [Fact]
    public void A_guest_running_as_another_incarnation_does_not_keep_this_lease()
    {
        Running(acquiredAt: At(1));

        var tick = _agent.Decide(new RenewLease(new HashSet<VmInstance> { new(Web, 3) }), Peer.None, At(5));

        Assert.IsType<ReleaseStorageLease>(Assert.Single(tick.Effects));
    }

    private static StorageLease Lease(long incarnation, string holder = "host-1") =>
        new(Ds1.Value, Web.Value, holder, incarnation, 1, T0, StorageLeaseDefaults.Ttl, Released: false);

    private AcquireStorageLease Request(DateTimeOffset now) =>
        (AcquireStorageLease)_agent.Decide(new StartVmRequested(new StartVm(1, 5, Web, WebSpec, 2), Controller1), Cna, now).Effects.Single();

    private void Running(DateTimeOffset acquiredAt)
    {
        var acquired = _agent.Decide(new StorageLeaseAcquired(Request(acquiredAt), new AcquireResult(Lease(2), null), null), Peer.None, acquiredAt);
        _agent.Decide(new HypervisorResult((HypervisorRequest)acquired.Effects.Single(), null), Peer.None, acquiredAt);
    }

    private void Renew(DateTimeOffset at, RenewalOutcome outcome)
    {
        var tick = _agent.Decide(new RenewLease(new HashSet<VmInstance> { new(Web, 2) }), Peer.None, at);
        var renew = Assert.IsType<RenewStorageLease>(Assert.Single(tick.Effects));
        Assert.Equal(at, renew.StartedAt);
        _agent.Decide(new StorageLeaseRenewed(renew, outcome), Peer.None, at + TimeSpan.FromSeconds(0.5));
    }
}
