using Cluster.Controller.Planning.Snapshot;
using Cluster.Controller.Vrm;
using Cluster.Controller.Vrm.Hosts;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Hosts;

public sealed class HostsHeardTests
{
    private static readonly HostId H1 = HostId.From("h-1");
    private static readonly HostId H2 = HostId.From("h-2");
    private static readonly HostId H3 = HostId.From("h-3");

    [Fact]
    public void Only_hosts_heard_in_this_tenure_are_targets_the_others_read_as_connecting()
    {
        var heard = new HostsHeard();
        heard.Add(H1);

        var targets = heard.AsTargets(Snapshot((H1, HostState.Normal), (H2, HostState.Normal), (H3, HostState.Faulty)), null);

        Assert.Equal([HostState.Normal, HostState.Connecting, HostState.Faulty], targets.Hosts.Select(h => h.State));
    }

    [Fact]
    public void Once_every_host_has_reported_the_snapshot_is_left_as_it_is()
    {
        var heard = new HostsHeard();
        heard.Add(H1);
        var snapshot = Snapshot((H1, HostState.Normal), (H3, HostState.Faulty));

        Assert.Same(snapshot, heard.AsTargets(snapshot, null));
    }

    [Fact]
    public void Ha_waits_for_hosts_the_journal_has_up_until_they_report_not_for_hosts_it_has_down()
    {
        var inventory = new Inventory();
        Register(inventory, H1, HostState.Normal);
        Register(inventory, H2, HostState.EnteringMaintenance);
        Register(inventory, H3, HostState.Faulty);
        var heard = new HostsHeard();

        Assert.Equal([H1, H2], heard.Pending(inventory));
        heard.Add(H1);
        heard.Add(H2);
        Assert.False(heard.AnyPending(inventory));
    }

    private static ClusterSnapshot Snapshot(params (HostId Id, HostState State)[] hosts) =>
        new([.. hosts.Select(h => new HostSnapshot(h.Id, h.State, new HostHardware(2, 10, 2, 2600, 262_144), CpuFeatureSet.None, new HashSet<DatastoreId>()))], []);

    private static void Register(Inventory inventory, HostId host, HostState state)
    {
        inventory.Apply(new HostRegistered(host, $"{host}.local:9120", new HostHardware(2, 10, 2, 2600, 262_144), CpuFeatureSet.None, []));
        inventory.Apply(new HostStateChanged(host, HostState.Connecting, state, "test"));
    }
}
