using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>The datastore view: space provisioned by every VM, in use by those holding resources, hosts' reach, VMs.</summary>
public sealed class VrmDeciderDatastoreViewTests
{
    private readonly VrmDeciderHarness _vrm = new();

    [Fact]
    public void A_datastore_shows_its_space_its_hosts_and_its_vms()
    {
        var (running, _) = _vrm.ClusterWithRunningVm();
        var stopped = _vrm.Ask(new CreateVm(new CreateVmRequest("db-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 100), new VmDisk(DatastoreId.From("ds-1"), 20)]))).ReplyTo<VmView>(VrmDeciderHarness.Operator).VmId;

        var view = _vrm.Ask(new GetDatastore(DatastoreId.From("ds-1"))).ReplyTo<DatastoreView>(VrmDeciderHarness.Operator);

        Assert.Equal((10_000L, 160L, 40L, 9_960L), (view.CapacityGb, view.ProvisionedGb, view.InUseGb, view.FreeGb));
        Assert.Equal(["h-1", "h-2"], view.Hosts.Select(h => h.HostId.Value));
        Assert.All(view.Hosts, h => Assert.True(h.Reachable));
        Assert.Equal([(running, 1, 40L), (stopped, 2, 120L)], view.Vms.Select(v => (v.VmId, v.Disks, v.DiskGb)));
    }

    [Fact]
    public void A_host_that_lost_the_datastore_shows_unreachable_with_its_reason()
    {
        _vrm.ClusterWithRunningVm();
        _vrm.At(5).Send(new Heartbeat(HostId.From("h-2"), 2, 0, 0, [], [new DatastoreHealth(DatastoreId.From("ds-1"), false, "lease store timed out")]), VrmDeciderHarness.HostPeer("h-2"));

        var view = Assert.Single(_vrm.Ask(new ListDatastores()).ReplyTo<DatastoreList>(VrmDeciderHarness.Operator).Datastores);

        var h2 = Assert.Single(view.Hosts, h => h.HostId == HostId.From("h-2"));
        Assert.False(h2.Reachable);
        Assert.Equal("lease store timed out", h2.Problem);
    }

    [Fact]
    public void An_unknown_datastore_is_not_found() =>
        Assert.Equal(AdminFailureKind.NotFound, _vrm.Ask(new GetDatastore(DatastoreId.From("ds-9"))).ReplyTo<AdminFailure>(VrmDeciderHarness.Operator).Kind);
}
