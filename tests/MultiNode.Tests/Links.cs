using Akka.Actor;
using Akka.Configuration;
using Akka.Remote;
using Akka.Remote.Transport;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// Cuts and heals the network between in-process nodes with Akka.Remote's throttling transport adapter (the
/// mechanism Akka's own multi-node test kit partitions with): a black-holed link drops every byte both ways while the
/// TCP connection stays open, as a dead switch port does. Throttles are keyed by host:port, so a node that restarts
/// on the same port stays cut off until healed.
/// </summary>
public static class Links
{
    /// <summary>The scheme every node uses when the adapter is applied; seed addresses must carry it.</summary>
    public const string Scheme = "akka.trttl.tcp";

    public static Config AdapterHocon(IEnumerable<int> seedPorts) => ConfigurationFactory.ParseString(
        $"akka.remote.dot-netty.tcp.applied-adapters = [trttl]\n" +
        $"akka.cluster.seed-nodes = [{string.Join(", ", seedPorts.Select(p => $"\"{Scheme}://{Hosting.Akka.ClusterNodeSettings.SystemName}@127.0.0.1:{p}\""))}]\n");

    /// <summary>Drops all traffic between <paramref name="system"/> and the node listening on <paramref name="peerPort"/>, in both directions.</summary>
    public static Task CutAsync(ActorSystem system, int peerPort) => SetAsync(system, peerPort, Blackhole.Instance);

    public static Task HealAsync(ActorSystem system, int peerPort) => SetAsync(system, peerPort, Unthrottled.Instance);

    private static async Task SetAsync(ActorSystem system, int peerPort, ThrottleMode mode)
    {
        var transport = ((RemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Transport;
        var peer = new Address("akka", Hosting.Akka.ClusterNodeSettings.SystemName, "127.0.0.1", peerPort);
        if (!await transport.ManagementCommand(new SetThrottle(peer, ThrottleTransportAdapter.Direction.Both, mode)).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"the throttling adapter refused {mode} towards port {peerPort}");
        }
    }
}
