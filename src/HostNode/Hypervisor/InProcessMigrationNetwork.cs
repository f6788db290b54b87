using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// The migration network between simulated hypervisors living in one process: incoming VMs listen at an address
/// (<c>tcp:HOST:PORT</c>, ports handed out in order so a run repeats), and a source reaches one while both hosts are up
/// and the link between them is not cut (<c>reachable</c>, the simulation's network). Between host-node processes,
/// <see cref="Tcp.TcpMigrationTransport"/> carries the same model over real TCP. A hypervisor attaches when its host
/// comes up: the endpoints of the host's previous life are gone with it.
/// </summary>
public sealed class InProcessMigrationNetwork(Func<string, string, bool>? reachable = null) : MigrationTransport
{
    private const int FirstPort = 49152;

    private readonly Func<string, string, bool> _reachable = reachable ?? ((_, _) => true);
    private readonly Dictionary<string, InProcessIncoming> _listening = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedHypervisor> _current = new(StringComparer.Ordinal);
    private int _nextPort = FirstPort;

    internal override void Attach(string host, SimulatedHypervisor hypervisor)
    {
        _current[host] = hypervisor;
        foreach (var stale in _listening.Values.Where(e => e.Host == host && e.Owner != hypervisor).ToList())
        {
            stale.Close();
        }
    }

    internal override IncomingEndpoint Listen(string host, SimulatedHypervisor owner, VmId vm, long incarnation)
    {
        var endpoint = new InProcessIncoming(this, $"tcp:{host}:{_nextPort++}", host, owner, vm);
        _listening[endpoint.Uri] = endpoint;
        return endpoint;
    }

    internal override OutgoingLink? Connect(string fromHost, string targetUri, VmId vm, long sourceIncarnation, out string? refusal)
    {
        var target = _listening.GetValueOrDefault(targetUri);
        refusal = target is null || target.Vm != vm ? $"nothing listens for VM {vm} at {targetUri}"
            : !Reaches(fromHost, target) ? $"cannot reach {targetUri}"
            : null;
        return refusal is null ? new InProcessLink(this, fromHost, target!) : null;
    }

    /// <summary>Whether a source on <paramref name="from"/> still has its connection to <paramref name="endpoint"/>.</summary>
    internal bool Reaches(string from, InProcessIncoming endpoint) =>
        endpoint.IsOpen && _current.GetValueOrDefault(endpoint.Host) == endpoint.Owner && _reachable(from, endpoint.Host);

    internal void Forget(InProcessIncoming endpoint) => _listening.Remove(endpoint.Uri);
}
