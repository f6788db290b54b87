using Cluster.Controller.Vrm.Hosts;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// Commands to hosts: each gets the next command id of this VRM's tenure and goes to the host's agent as this VRM
/// last heard it. A host not heard since this VRM took over gets nothing (it will hear the VRM on its next word).
/// </summary>
public sealed class HostChannel(HostSessions sessions, long epoch, ILogger log)
{
    private readonly Dictionary<HostId, List<IHostCommand>> _waiting = [];
    private long _lastCommandId;

    public long Epoch => epoch;

    public long NextCommandId() => ++_lastCommandId;

    public void Send(Decision decision, HostId host, IHostCommand command)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (sessions.Of(host)?.Peer is { } agent)
        {
            decision.Step.Send(agent, command);
        }
        else
        {
            log.LogWarning("no connection to host {Host} for {Command}", host, command.GetType().Name);
        }
    }

    /// <summary>
    /// Like <see cref="Send"/>, except that a host not heard since this VRM took over gets the command once it is heard
    /// (<see cref="SendWaiting"/>): a migration this VRM recovered must reach both of its hosts, which it cannot address
    /// yet when it starts.
    /// </summary>
    public void SendWhenHeard(Decision decision, HostId host, IHostCommand command)
    {
        if (sessions.Of(host)?.Peer is not null)
        {
            Send(decision, host, command);
            return;
        }

        if (!_waiting.TryGetValue(host, out var waiting))
        {
            _waiting[host] = waiting = [];
        }

        waiting.Add(command);
    }

    /// <summary>The host has just been heard (and told this VRM's epoch): what waited for it goes now, in order.</summary>
    public void SendWaiting(Decision decision, HostId host)
    {
        if (_waiting.Remove(host, out var waiting))
        {
            foreach (var command in waiting)
            {
                Send(decision, host, command);
            }
        }
    }
}
