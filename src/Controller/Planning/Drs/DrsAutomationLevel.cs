namespace Cluster.Controller.Planning.Drs;

/// <summary>How much DRS does by itself (vSphere's automation levels).</summary>
public enum DrsAutomationLevel
{
    /// <summary>Recommendations only, initial placement included: an operator applies each.</summary>
    Manual,

    /// <summary>Initial placement is applied; migrations are recommended.</summary>
    PartiallyAutomated,

    /// <summary>Initial placement and migrations are applied.</summary>
    FullyAutomated,
}
