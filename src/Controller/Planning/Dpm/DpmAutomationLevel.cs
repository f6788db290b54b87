namespace Cluster.Controller.Planning.Dpm;

public enum DpmAutomationLevel
{
    /// <summary>Recommendations only; nothing is recorded as in flight, since nothing is started.</summary>
    Manual,

    /// <summary>Recommendations are applied; the state records them as in flight.</summary>
    Automatic,
}
