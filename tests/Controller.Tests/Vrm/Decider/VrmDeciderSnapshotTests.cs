using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>Snapshots every SnapshotEvery events, and recovery from the latest snapshot plus the events after it.</summary>
public sealed class VrmDeciderSnapshotTests
{
    private static readonly VrmSettings EveryFive = new() { SnapshotEvery = 5 };

    [Fact]
    public void A_snapshot_is_asked_for_in_the_step_whose_events_reach_snapshot_every()
    {
        var vrm = new VrmDeciderHarness(EveryFive);
        var counted = 0;
        var snapshotsAt = new List<int>();

        foreach (var host in new[] { "h-1", "h-2", "h-3", "h-4", "h-5" })
        {
            var step = vrm.Register(host);
            counted += step.Events.Count;
            if (step.Snapshot is not null)
            {
                snapshotsAt.Add(counted);
            }
        }

        // Each registration stores two events: the fifth and tenth events fall in the 3rd and 5th registrations.
        Assert.Equal([6, 10], snapshotsAt);
        Assert.All(vrm.Steps.Where(s => s.Snapshot is not null), s => Assert.IsType<InventorySnapshot>(s.Snapshot));
    }

    [Fact]
    public void Recovery_from_the_latest_snapshot_and_the_later_events_gives_the_same_inventory()
    {
        var vrm = new VrmDeciderHarness(EveryFive);
        var (vm, _) = vrm.ClusterWithRunningVm();
        vrm.At(3).Ask(new PowerOffVm(vm, Graceful: true));
        vrm.At(4).Register("h-3");
        var lastSnapshot = vrm.LastSnapshotStep();
        Assert.True(lastSnapshot >= 0 && lastSnapshot < vrm.Steps.Count - 1, "the run must end with events after its last snapshot");
        var expected = vrm.Ask(new GetInventoryFingerprint()).ReplyTo<string>(VrmDeciderHarness.Operator);

        var recovered = new VrmDeciderHarness(EveryFive, recover: decider =>
        {
            decider.RecoverSnapshot(vrm.Steps[lastSnapshot].Snapshot!);
            foreach (var @event in vrm.Steps.Skip(lastSnapshot + 1).SelectMany(s => s.Events))
            {
                decider.Recover(@event);
            }
        });

        Assert.Equal(expected, recovered.Ask(new GetInventoryFingerprint()).ReplyTo<string>(VrmDeciderHarness.Operator));
        Assert.Equal(VmPowerState.Stopping, recovered.Ask(new GetVm(vm)).ReplyTo<VmView>(VrmDeciderHarness.Operator).PowerState);
    }
}
