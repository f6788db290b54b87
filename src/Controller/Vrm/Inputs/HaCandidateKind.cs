namespace Cluster.Controller.Vrm;

/// <summary>Why HA looks at a VM's storage lease.</summary>
public enum HaCandidateKind
{
    /// <summary>Its host is Faulty: restart it elsewhere unless it still runs there.</summary>
    FailedHost,

    /// <summary>Its guest stopped on a healthy host: restart it.</summary>
    CrashedGuest,

    /// <summary>An operator stopped it on a Faulty host: the lease says whether it may be called Stopped.</summary>
    StopOnFailedHost,
}
