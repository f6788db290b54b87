using System.Text.Json;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// The controller process on Akka.NET without host nodes: one controller alone, then two on one SQLite database in
/// one cluster. What an operator checks through the admin API: the VRM singleton runs exactly once.
/// </summary>
public sealed class ControllerProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("controller-it-").FullName;
    private readonly List<ControllerNode> _nodes = [];

    private string Database => Path.Combine(_dir, "cluster.db");

    [Fact]
    public async Task A_lone_controller_runs_the_VRM_answers_the_admin_API_and_lists_itself_as_a_member()
    {
        var node = Add(ControllerNode.Start("ctrl-a", _dir, Database, extra: ["--datastore", "ds-1"]));

        var leader = await ControllerNode.WaitAsync("the VRM active", async () => await node.LeaderAsync() is { IsActive: true } l ? l : null, node);
        var members = await ControllerNode.WaitAsync("membership", node.MembersAsync, node);
        var hosts = await ControllerNode.WaitAsync("the host list", () => node.GetAsync("api/hosts", ClusterMessagesJsonContext.Default.IReadOnlyListHostView), node);
        using var events = await ControllerNode.WaitAsync("ds-1 in the event feed", async () =>
            await node.EventsAsync() is { } feed && feed.RootElement.EnumerateArray().Any(IsDatastoreAdded) ? feed : null, node);

        Assert.Equal(1, leader.Epoch);
        Assert.Equal(node.Address, leader.SingletonAt);
        var member = Assert.Single(members.Members);
        Assert.Equal((node.Address, ClusterMemberStatus.Up), (member.Address, member.Status));
        Assert.Equal(["controller"], member.Roles);
        Assert.Empty(hosts);
        Assert.Equal("vrm", events.RootElement.EnumerateArray().First(IsDatastoreAdded).GetProperty("persistenceId").GetString());

        // Akka.NET's proxy warned "failed to find ... after 30 seconds" at every start, before it had looked (akka.net#8568).
        Assert.DoesNotContain("ClusterSingletonProxy failed to find", node.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_controllers_on_one_database_form_one_cluster_with_one_VRM_and_a_SIGTERM_hands_it_over()
    {
        var first = Add(ControllerNode.Start("ctrl-a", _dir, Database));
        var second = Add(ControllerNode.Start("ctrl-b", _dir, Database, seedPort: first.ClusterPort));
        var both = new[] { first, second };

        var views = await ControllerNode.WaitAsync("both controllers Up, each naming one VRM", async () =>
        {
            var leaders = await Task.WhenAll(both.Select(n => n.LeaderAsync()));
            var members = await first.MembersAsync();
            return leaders.All(l => l is not null) && members?.Members.Count(m => m.Status == ClusterMemberStatus.Up) == 2 ? leaders : null;
        }, both);
        Assert.Single(views, v => v!.IsActive);
        Assert.Equal(views[0]!.Holder, views[1]!.Holder);
        Assert.Equal(first.Address, views[0]!.SingletonAt);

        first.Process.Terminate();
        Assert.Equal(0, await first.Process.WaitForExitAsync(ControllerNode.WaitLimit));
        var taken = await ControllerNode.WaitAsync("the second controller active with a higher epoch", async () =>
            await second.LeaderAsync() is { IsActive: true } l && l.Epoch > views[0]!.Epoch ? l : null, both);
        Assert.StartsWith($"cluster@127.0.0.1:{second.ClusterPort}#", taken.Holder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_controllers_given_the_same_node_id_never_both_run_the_VRM()
    {
        // The node id is only a label; the lease holder is the cluster address, so a copy-pasted id cannot share the lease.
        var first = Add(ControllerNode.Start("ctrl-same", _dir, Database));
        var second = Add(ControllerNode.Start("ctrl-same", _dir, Database, seedPort: first.ClusterPort));
        var both = new[] { first, second };

        var views = await ControllerNode.WaitAsync("both controllers answering", async () =>
        {
            var leaders = await Task.WhenAll(both.Select(n => n.LeaderAsync()));
            return leaders.All(l => l is not null) && leaders.Any(l => l!.IsActive) ? leaders : null;
        }, both);

        Assert.Single(views, v => v!.IsActive);
    }

    public void Dispose() => ChildProcess.DisposeAll(_nodes, _dir);

    private static bool IsDatastoreAdded(JsonElement e) => e.GetProperty("manifest").GetString() == "inv.datastore-added.v1";

    private ControllerNode Add(ControllerNode node)
    {
        _nodes.Add(node);
        return node;
    }
}
