using Cluster.Controller.Planning.HaRestart;
using Cluster.Controller.Planning.Placement;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning;

// Placement counts the GB the powered-on VMs' disks provision on each datastore against its capacity.
public sealed class DatastoreCapacityTests
{
    [Fact]
    public void A_start_that_would_overfill_the_datastore_is_refused_on_every_host_with_the_figures()
    {
        var snapshot = new ClusterBuilder()
            .Host("h-1").Host("h-2")
            .Datastore("ds-1", 500)
            .Vm("running", "h-1", ClusterBuilder.Spec(diskGb: 300))
            .Vm("stopped", null, ClusterBuilder.Spec(diskGb: 300), VmPowerState.Stopped)
            .Build();

        var result = PlacementPlanner.Place(snapshot, new VmId("new"), ClusterBuilder.Spec(diskGb: 250));

        Assert.False(result.IsPlaced);
        Assert.Equal(2, result.Refusals.Count(r => r.Reason == RefusalReason.DatastoreFull));
        Assert.Contains("datastore ds-1 has 200 GB left to provision of 500 GB, needs 250 GB", result.Refusals[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void What_fits_is_placed_and_a_stopped_vm_provisions_nothing()
    {
        var snapshot = new ClusterBuilder()
            .Host("h-1")
            .Datastore("ds-1", 500)
            .Vm("running", "h-1", ClusterBuilder.Spec(diskGb: 300))
            .Vm("stopped", null, ClusterBuilder.Spec(diskGb: 300), VmPowerState.Stopped)
            .Build();

        Assert.True(PlacementPlanner.Place(snapshot, new VmId("new"), ClusterBuilder.Spec(diskGb: 200)).IsPlaced);
    }

    [Fact]
    public void A_vm_being_started_again_does_not_count_its_own_disks_twice()
    {
        var snapshot = new ClusterBuilder()
            .Host("h-1")
            .Datastore("ds-1", 500)
            .Vm("a", "h-1", ClusterBuilder.Spec(diskGb: 400), VmPowerState.Unknown)
            .Build();

        Assert.True(PlacementPlanner.Place(snapshot, new VmId("a"), ClusterBuilder.Spec(diskGb: 400)).IsPlaced);
    }

    [Fact]
    public void An_ha_plan_commits_each_restart_so_later_ones_see_the_space_taken()
    {
        var snapshot = new ClusterBuilder()
            .Host("h-1").Host("h-2").Host("h-3")
            .Datastore("ds-1", 500)
            .Vm("a", "h-1", ClusterBuilder.Spec(diskGb: 200))
            .Vm("b", "h-1", ClusterBuilder.Spec(diskGb: 200))
            .Vm("c", "h-2", ClusterBuilder.Spec(diskGb: 200))
            .Build();

        // Only a and b are restarted; c keeps its 200 GB, so one of a and b fits (400 of 500) and the other does not.
        var plan = HaRestartPlanner.Plan(snapshot, ClusterBuilder.Hosts("h-1"), [new(new VmId("a")), new(new VmId("b"))]);

        Assert.Single(plan.Restarts);
        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Contains("DatastoreFull", unplaced.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_disks_on_one_datastore_add_up()
    {
        var spec = ClusterBuilder.Spec() with { Disks = [new VmDisk(new DatastoreId("ds-1"), 300), new VmDisk(new DatastoreId("ds-1"), 300)] };
        var snapshot = new ClusterBuilder().Host("h-1").Datastore("ds-1", 500).Build();

        var result = PlacementPlanner.Place(snapshot, new VmId("new"), spec);

        Assert.Equal(RefusalReason.DatastoreFull, Assert.Single(result.Refusals).Reason);
    }
}
