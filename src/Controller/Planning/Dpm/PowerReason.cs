namespace Cluster.Controller.Planning.Dpm;

/// <summary>Why DPM changes a host's power.</summary>
public enum PowerReason
{
    /// <summary>The host stayed below the band for the power-off window and its VMs fit elsewhere.</summary>
    LowUtilisation,

    /// <summary>Demand stayed above the band for the power-on window and the hosts on cannot absorb it.</summary>
    DemandAboveBand,

    /// <summary>The HA admission policy no longer holds with the hosts that are on.</summary>
    HaCapacity,

    /// <summary>Fewer hosts are on (or coming up) than the minimum.</summary>
    MinimumHostsOn,
}
