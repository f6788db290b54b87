using Akka.Actor;
using Cluster.Hosting;

namespace Cluster.HostNode.Node;

/// <summary>
/// Decides, each time this node's actor system has terminated, whether the process rejoins or exits. Downed is not
/// dead: the split-brain resolver downs a host cut off from the controllers, and its VMs keep running, so it rejoins
/// with a fresh system. Only a stop the operator asked for (SIGTERM, Ctrl+C) ends the process cleanly; a failed TLS
/// handshake ends it with an error, since the same seeds and certificates would only fail again. Systems that end soon
/// after they start rejoin after a pause that doubles up to <see cref="MaxPause"/>, so a node that cannot stay in the
/// cluster does not spin.
/// </summary>
public sealed class NodeLifetime
{
    /// <summary>A system that lived at least this long ended for a new reason: its successor rejoins at once.</summary>
    public static readonly TimeSpan HealthyLife = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    // Akka.Remote's reason is internal; its name is what CoordinatedShutdown reports.
    private const string TlsHandshakeFailure = "TlsHandshakeFailureReason";

    private int _shortLives;

    /// <param name="reason">CoordinatedShutdown's reason, or null when the system ended without one.</param>
    /// <param name="stopRequested">The operator asked the process to stop.</param>
    /// <param name="lived">How long the system ran.</param>
    public NodeDecision After(CoordinatedShutdown.Reason? reason, bool stopRequested, TimeSpan lived)
    {
        if (stopRequested)
        {
            return NodeDecision.Exit(ProcessMain.Ok, "stop requested");
        }

        if (reason?.GetType().Name == TlsHandshakeFailure)
        {
            return NodeDecision.Exit(ProcessMain.Failed, "a TLS handshake with a peer failed; check --seed and the certificates");
        }

        _shortLives = lived >= HealthyLife ? 0 : _shortLives + 1;
        var pause = _shortLives == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MaxPause.Ticks, FirstPause.Ticks << Math.Min(_shortLives - 1, 16)));
        return NodeDecision.RejoinAfter(pause, Describe(reason));
    }

    private static string Describe(CoordinatedShutdown.Reason? reason) => reason switch
    {
        CoordinatedShutdown.ClusterDowningReason => "downed by the cluster (a partition, or an operator)",
        CoordinatedShutdown.ClusterLeavingReason => "removed from the cluster",
        CoordinatedShutdown.ClusterJoinUnsuccessfulReason => "could not join the seeds",
        null => "the actor system terminated",
        _ => $"the actor system shut down ({reason.GetType().Name})",
    };
}
