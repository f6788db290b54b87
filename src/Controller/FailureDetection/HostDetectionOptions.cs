namespace Cluster.Controller.FailureDetection;

/// <summary>What, beside a host's own heartbeats, the VRM may use to declare it Faulty.</summary>
public enum HostDetectionMode
{
    /// <summary>Heartbeats alone: Faulty once the failure detector gives up (FusionCompute's 10 missed × 3 s; the default).</summary>
    Heartbeats,

    /// <summary>
    /// Heartbeats, or a much shorter silence once the cluster says the host's node is unreachable, has left or was
    /// downed: the cluster's own failure detector has already seen it go, the heartbeats confirm it.
    /// </summary>
    Membership,
}

/// <summary>
/// How fast a host is declared Faulty. The default keeps FusionCompute's detection; <see cref="HostDetectionMode.Membership"/>
/// trades some false positives (a heartbeat delay that coincides with the cluster losing the node, such as a long GC pause
/// or a cut of the cluster link) for detection in seconds. Either way HA restarts nothing whose storage lease is still
/// renewed, so a false positive costs an alarm, not a second instance.
/// </summary>
public sealed record HostDetectionOptions
{
    public HostDetectionMode Mode { get; init; } = HostDetectionMode.Heartbeats;

    /// <summary>In <see cref="HostDetectionMode.Membership"/>: heartbeats a host whose node the cluster lost may miss before it is Faulty.</summary>
    public int MissedWhenNodeGone { get; init; } = 2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending field.</summary>
    public HostDetectionOptions Validate()
    {
        PhiAccrualOptions.Require(MissedWhenNodeGone > 0, nameof(MissedWhenNodeGone), "positive", MissedWhenNodeGone);
        return this;
    }
}
