using Cluster.Controller.Planning.HaRestart;
using Cluster.Controller.Vrm;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>HA's budget lives in the journal and in the snapshot: a VRM that takes over from a snapshot resumes it, neither retrying a VM HA gave up on nor restarting the count.</summary>
public sealed class VrmDeciderFailoverHaTests
{
    [Fact]
    public void A_vm_ha_gave_up_on_is_not_tried_again_by_a_vrm_recovered_from_a_later_snapshot()
    {
        var vrm = new VrmDeciderHarness(new VrmSettings { SnapshotEvery = 1, RestartBackoff = new RestartBackoff(1, TimeSpan.FromSeconds(10), 2) });
        var (vm, _) = vrm.ClusterWithRunningVm();
        var abandoned = RestartWithNoHostLeft(vrm);
        Assert.Single(abandoned.EventsOf<HaRestartAbandoned>());

        var successor = RecoveredFromLastSnapshot(vrm);

        Assert.DoesNotContain(successor.Started.Effects.OfType<ReadStorageLeases>().SelectMany(r => r.Candidates), c => c.VmId == vm);
    }

    [Fact]
    public void Restart_attempts_go_on_counting_in_a_vrm_recovered_from_a_later_snapshot()
    {
        var vrm = new VrmDeciderHarness(new VrmSettings { SnapshotEvery = 1 });
        var (vm, _) = vrm.ClusterWithRunningVm();
        Assert.Equal(1, RestartWithNoHostLeft(vrm).EventsOf<HaRestartFailed>().Single().Attempt);

        var successor = RecoveredFromLastSnapshot(vrm);
        var read = successor.Started.Effects.OfType<ReadStorageLeases>().Single();
        var again = successor.Send(new StorageLeasesRead([.. read.Candidates.Select(c => new LeaseCheck(c, null, null))]), Peer.None);

        Assert.Equal(new HaRestartFailed(vm, 2, again.EventsOf<HaRestartFailed>().Single().Reason), again.EventsOf<HaRestartFailed>().Single());
    }

    /// <summary>Both hosts fall silent; the VM's lease has lapsed, and HA finds no host to restart it on.</summary>
    private static DecidedStep RestartWithNoHostLeft(VrmDeciderHarness vrm)
    {
        var faulty = vrm.At(31).Tick();
        var read = faulty.Effects.OfType<ReadStorageLeases>().Single();
        return vrm.Send(new StorageLeasesRead([.. read.Candidates.Select(c => new LeaseCheck(c, null, null))]), Peer.None);
    }

    private static VrmDeciderHarness RecoveredFromLastSnapshot(VrmDeciderHarness vrm)
    {
        var last = vrm.LastSnapshotStep();
        Assert.Equal(vrm.Steps.Count - 1, last);
        return new VrmDeciderHarness(vrm.Settings, recover: decider => decider.RecoverSnapshot(vrm.Steps[last].Snapshot!));
    }
}
