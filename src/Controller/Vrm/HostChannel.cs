using Cluster.Controller.Vrm.Hosts;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// Commands to hosts: each gets the next command id of this VRM's tenure and goes to the host's agent as this VRM
/// last heard it. A host not heard since this VRM took over gets nothing (it will hear the VRM on its next word).
/// </summary>
public sealed class HostChannel(HostSessions sessions, long epoch, ILogger log)
{
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
}
