namespace Cluster.Controller.Vrm.Ha;

/// <summary>Where one VM's HA episode stands. An episode begins when HA first has to act on the VM and ends when it runs again.</summary>
public enum HaPhase
{
    /// <summary>HA has noticed the VM (its guest is down, or a notice was given) and has nothing in flight.</summary>
    Watching,

    /// <summary>A restart was planned and its start sent to the target host.</summary>
    Restarting,

    /// <summary>The last try failed (the host refused, or never reported the start); HA looks again at its next evaluation.</summary>
    RestartFailed,

    /// <summary>No host could take it; a retry timer runs. A new VRM has no timer, so it looks at once (RestartFailed).</summary>
    WaitingToRetry,

    /// <summary>Every try failed; HA waits for capacity to return (a host turning Normal) or for the operator.</summary>
    Abandoned,
}
