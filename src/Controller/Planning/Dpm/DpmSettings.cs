using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Drs;

namespace Cluster.Controller.Planning.Dpm;

/// <summary>
/// Every DPM knob, as plain values. The band is vSphere's: target 63 % ± 18 %, so hosts below 45 %
/// are candidates to power off and demand above 81 % calls for more hosts.
/// </summary>
public sealed record DpmSettings
{
    public static DpmSettings Default { get; } = new();

    public DpmAutomationLevel AutomationLevel { get; init; } = DpmAutomationLevel.Automatic;

    /// <summary>The utilisation DPM aims the hosts that are on at (0–1).</summary>
    public double TargetUtilisation { get; init; } = 0.63;

    /// <summary>Half the band's width: the band is target ± this.</summary>
    public double Tolerance { get; init; } = 0.18;

    public double LowEdge => TargetUtilisation - Tolerance;

    public double HighEdge => TargetUtilisation + Tolerance;

    /// <summary>How long a host must stay below the band before it is powered off (vSphere: 40 min).</summary>
    public TimeSpan PowerOffWindow { get; init; } = TimeSpan.FromMinutes(40);

    /// <summary>How long demand must stay above the band before hosts are powered on (vSphere: 5 min).</summary>
    public TimeSpan PowerOnWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>From a power-on command to a host that can take VMs.</summary>
    public TimeSpan PowerOnLatency { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>From the last evacuation migration to a host that is off.</summary>
    public TimeSpan PowerOffLatency { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Hosts kept on (or coming up) whatever the demand.</summary>
    public int MinHostsOn { get; init; } = 2;

    /// <summary>Bounds a pass's work and its burst of migrations.</summary>
    public int MaxPowerOffsPerPass { get; init; } = 10;

    public int MaxPowerOnsPerPass { get; init; } = 10;

    /// <summary>The HA admission policy a power-off must keep satisfied.</summary>
    public IAdmissionPolicy Admission { get; init; } = AdmissionControl.Disabled;

    /// <summary>The constraints evacuations keep (overcommit, load measure, migration cost model).</summary>
    public DrsSettings Constraints { get; init; } = DrsSettings.Default;
}
