using Cluster.Controller.Alarms;
using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>HA on a faulty host: the storage lease is read as an effect, and only a lapsed lease lets HA restart.</summary>
public sealed class VrmDeciderHaTests
{
    private readonly VrmDeciderHarness _vrm = new();

    [Fact]
    public void A_host_turning_faulty_asks_for_the_leases_of_its_vms()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();

        var faulty = FailHost(host);

        var read = Assert.IsType<ReadStorageLeases>(Assert.Single(faulty.Effects));
        Assert.Equal([new HaCandidate(vm, 1, host, DatastoreId.From("ds-1"), HaCandidateKind.FailedHost)], read.Candidates);
    }

    [Fact]
    public void A_lapsed_lease_restarts_the_vm_on_the_other_host_with_this_vrms_epoch()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var read = (ReadStorageLeases)FailHost(host).Effects.Single();
        var lapsed = Lease(read.Candidates[0], renewedAt: _vrm.Now.AddSeconds(-20));

        var step = _vrm.Send(new StorageLeasesRead([new LeaseCheck(read.Candidates[0], lapsed, null)]), Peer.None);

        var target = Other(host);
        Assert.Equal(new HaRestartPlanned(vm, host, target, 1), step.EventsOf<HaRestartPlanned>().Single());
        Assert.Equal(target, step.EventsOf<VmPlaced>().Single().Host);
        var start = step.SentTo<StartVm>(VrmDeciderHarness.HostPeer(target.Value)).Single();
        Assert.Equal((VrmDeciderHarness.Epoch, vm, 2L), (start.Epoch, start.VmId, start.Incarnation));
    }

    [Fact]
    public void A_lease_still_renewed_keeps_the_vm_where_it_is_and_says_why()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        var read = (ReadStorageLeases)FailHost(host).Effects.Single();
        var renewed = Lease(read.Candidates[0], renewedAt: _vrm.Now.AddSeconds(-1));

        var step = _vrm.Send(new StorageLeasesRead([new LeaseCheck(read.Candidates[0], renewed, null)]), Peer.None);

        Assert.Empty(step.EventsOf<HaRestartPlanned>());
        Assert.DoesNotContain(step.Messages, m => m.Message is StartVm);
        Assert.Equal(new VmRunningOnIsolatedHost(vm, host), step.EventsOf<VmRunningOnIsolatedHost>().Single());
        Assert.Equal(new HaRestartSkipped(vm, host, HaSkipReason.LeaseStillHeld), step.EventsOf<HaRestartSkipped>().Single());
        Assert.Equal(AlarmKinds.VmIsolated, step.EventsOf<AlarmRaised>().Single().Kind);
    }

    [Fact]
    public void A_lease_that_cannot_be_read_is_not_taken_as_free()
    {
        var (_, host) = _vrm.ClusterWithRunningVm();
        var read = (ReadStorageLeases)FailHost(host).Effects.Single();

        var step = _vrm.Send(new StorageLeasesRead([new LeaseCheck(read.Candidates[0], null, "datastore ds-1 is down.")]), Peer.None);

        Assert.Empty(step.EventsOf<HaRestartPlanned>());
        var alarm = step.EventsOf<AlarmRaised>().Single();
        Assert.Equal(AlarmKinds.HaLeaseUnreadable, alarm.Kind);
        Assert.Contains("datastore ds-1 is down; not restarting it", alarm.Text);
    }

    [Fact]
    public void No_second_lease_read_goes_out_while_one_is_in_flight()
    {
        var (_, host) = _vrm.ClusterWithRunningVm();
        FailHost(host);

        var recheck = _vrm.Send(HaRecheck.Instance, Peer.None);

        Assert.Empty(recheck.Effects);
    }

    [Fact]
    public void A_lease_answer_for_a_vm_whose_host_came_back_restarts_nothing()
    {
        var (_, host) = _vrm.ClusterWithRunningVm();
        var read = (ReadStorageLeases)FailHost(host).Effects.Single();
        _vrm.Beat(host.Value, read.Candidates.Select(c => new VmRuntimeReport(c.VmId, VmPowerState.Running, c.Incarnation)).ToArray());

        var step = _vrm.Send(new StorageLeasesRead([new LeaseCheck(read.Candidates[0], null, null)]), Peer.None);

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void A_stale_epoch_rejection_deposes_the_vrm()
    {
        _vrm.ClusterWithRunningVm();

        var step = _vrm.Send(new StaleEpochRejected(1, VrmDeciderHarness.Epoch + 1, VrmDeciderHarness.Epoch), VrmDeciderHarness.HostPeer("h-1"));

        Assert.True(step.Stopped);
        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void A_guest_that_crashes_again_after_running_waits_the_whole_guest_failure_timeout_again()
    {
        var (vm, host) = _vrm.ClusterWithRunningVm();
        _vrm.At(1).Beat(host.Value, new VmRuntimeReport(vm, VmPowerState.Crashed, 1));
        _vrm.At(2).Send(HaRecheck.Instance, Peer.None);
        var target = _vrm.At(3).Ask(new PowerOnVm(vm)).EventsOf<VmPlaced>().Single().Host;
        _vrm.At(4).Beat(target.Value, new VmRuntimeReport(vm, VmPowerState.Running, 2));
        _vrm.At(100).Beat(target.Value, new VmRuntimeReport(vm, VmPowerState.Crashed, 2));

        var atOnce = _vrm.At(101).Send(HaRecheck.Instance, Peer.None);
        var afterTimeout = _vrm.At(111).Send(HaRecheck.Instance, Peer.None);

        Assert.Empty(atOnce.Effects);
        var read = Assert.IsType<ReadStorageLeases>(Assert.Single(afterTimeout.Effects));
        Assert.Equal(HaCandidateKind.CrashedGuest, read.Candidates.Single().Kind);
    }

    private static StorageLease Lease(HaCandidate candidate, DateTimeOffset renewedAt) =>
        new(candidate.Datastore.Value, candidate.VmId.Value, candidate.Host.Value, candidate.Incarnation, 5, renewedAt, TimeSpan.FromSeconds(10), Released: false);

    private static HostId Other(HostId host) => HostId.From(host.Value == "h-1" ? "h-2" : "h-1");

    /// <summary>Keeps the other host beating and lets <paramref name="host"/> fall silent until it is Faulty.</summary>
    private DecidedStep FailHost(HostId host)
    {
        var other = Other(host).Value;
        for (var t = 10; t <= 30; t += 10)
        {
            _vrm.At(t).Beat(other);
        }

        var faulty = _vrm.At(31).Tick();
        Assert.Equal(host, faulty.EventsOf<HostStateChanged>().Single().HostId);
        return faulty;
    }
}
