using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// Raw bytes that are not Akka.Remote's protocol, sent to a running controller process's cluster port: the process
/// keeps serving its admin API, keeps its VRM, and a legitimate controller still joins it.
/// </summary>
public sealed class HostileBytesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hostile-it-").FullName;
    private readonly List<ControllerNode> _nodes = [];

    [Fact]
    public async Task A_plain_cluster_port_survives_hostile_bytes_and_idle_connections_and_still_admits_a_controller()
    {
        var database = Path.Combine(_dir, "cluster.db");
        var first = Start(ControllerNode.Start("ctrl-a", _dir, database));
        var before = await ControllerNode.WaitAsync("ctrl-a active", async () => await first.LeaderAsync() is { IsActive: true } l ? l : null, first);

        using (await HostileBytes.HoldOpenAsync(first.ClusterPort, 20))
        {
            await HostileBytes.SendAsync(first.ClusterPort);
            var second = Start(ControllerNode.Start("ctrl-b", _dir, database, seedPort: first.ClusterPort));
            await ControllerNode.WaitAsync("ctrl-b a member Up beside ctrl-a", async () =>
                await first.MembersAsync() is { } m && m.Members.Count(x => x.Status == ClusterMemberStatus.Up) == 2 ? m : null, first, second);
        }

        var after = await first.LeaderAsync();
        Assert.NotNull(after);
        Assert.Equal((before.Holder, before.Epoch, true), (after.Holder, after.Epoch, after.IsActive));
        Assert.False(first.Process.HasExited);
    }

    public void Dispose()
    {
        _nodes.ForEach(n => n.Dispose());
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A child may still hold a file for a moment; the temp directory is cleaned up eventually.
        }
    }

    private ControllerNode Start(ControllerNode node)
    {
        _nodes.Add(node);
        return node;
    }
}
