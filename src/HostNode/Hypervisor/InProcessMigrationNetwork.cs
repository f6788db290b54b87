using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// The migration network between simulated hypervisors living in one process: incoming VMs listen at an address
/// (<c>tcp:HOST:PORT</c>, ports handed out in order so a run repeats), and a source reaches one while both hosts are up
/// and the link between them is not cut (<c>reachable</c>, the simulation's network). A QEMU backend replaces all of this
/// with TCP. A hypervisor attaches when its host comes up: the endpoints of the host's previous life are gone with it.
/// </summary>
public sealed class InProcessMigrationNetwork(Func<string, string, bool>? reachable = null)
{
    private const int FirstPort = 49152;

    private readonly Func<string, string, bool> _reachable = reachable ?? ((_, _) => true);
    private readonly Dictionary<string, IncomingEndpoint> _listening = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedHypervisor> _current = new(StringComparer.Ordinal);
    private int _nextPort = FirstPort;

    internal void Attach(string host, SimulatedHypervisor hypervisor)
    {
        _current[host] = hypervisor;
        foreach (var stale in _listening.Values.Where(e => e.Host == host && e.Owner != hypervisor).ToList())
        {
            Close(stale);
        }
    }

    internal IncomingEndpoint Listen(string host, SimulatedHypervisor owner, VmId vm, long incarnation)
    {
        var endpoint = new IncomingEndpoint($"tcp:{host}:{_nextPort++}", host, owner, vm, incarnation);
        _listening[endpoint.Uri] = endpoint;
        return endpoint;
    }

    internal IncomingEndpoint? Find(string uri) => _listening.GetValueOrDefault(uri);

    /// <summary>Whether a source on <paramref name="from"/> still has its connection to <paramref name="endpoint"/>.</summary>
    internal bool Reaches(string from, IncomingEndpoint endpoint) =>
        endpoint.IsOpen && _current.GetValueOrDefault(endpoint.Host) == endpoint.Owner && _reachable(from, endpoint.Host);

    internal void Close(IncomingEndpoint endpoint)
    {
        endpoint.IsOpen = false;
        _listening.Remove(endpoint.Uri);
    }
}
