using Cluster.Deciders;

namespace Cluster.HostNode.Cna;

/// <summary>
/// Whom the CNA talks to, resolved by the runtime. <paramref name="Controllers"/> is today's list of controller
/// agents; under Akka it is the single VRM singleton proxy. <paramref name="SelfPath"/> is the address the
/// controllers are told at registration; <paramref name="IsolationAddress"/> is <see cref="Peer.None"/> when none is set.
/// </summary>
public sealed record CnaPeers(Peer Self, string SelfPath, IReadOnlyList<Peer> Controllers, Peer IsolationAddress);
