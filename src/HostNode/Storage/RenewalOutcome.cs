namespace Cluster.HostNode.Storage;

/// <summary>What one renewal attempt of a VM's storage lease came to.</summary>
public enum RenewalOutcome
{
    /// <summary>The store confirmed the renewal.</summary>
    Succeeded,

    /// <summary>The store could not be reached (or the call timed out): the lease may still be ours, or not.</summary>
    Failed,

    /// <summary>The store answered that the lease is no longer ours (expired, released or taken over).</summary>
    Lost,
}
