using Cluster.Controller.FailureDetection;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Hosts;

/// <summary>One <see cref="HostSession"/> per host this VRM has heard (or given a window at its start).</summary>
public sealed class HostSessions(FailureDetectorOptions detectors)
{
    private readonly Dictionary<HostId, HostSession> _sessions = [];

    public HostSession? Of(HostId host) => _sessions.GetValueOrDefault(host);

    /// <summary>Feeds the host's failure detector, making its session on first word.</summary>
    public HostSession Heard(HostId host, DateTimeOffset now)
    {
        if (!_sessions.TryGetValue(host, out var session))
        {
            _sessions[host] = session = new HostSession(host, detectors.Create());
        }

        session.Heard(now);
        return session;
    }

    public void Forget(HostId host) => _sessions.Remove(host);

    /// <summary>The host whose agent is <paramref name="peer"/>, if any.</summary>
    public HostId? HostOf(Peer peer)
    {
        foreach (var session in _sessions.Values)
        {
            if (session.Peer is { } known && known.Equals(peer))
            {
                return session.HostId;
            }
        }

        return null;
    }
}
