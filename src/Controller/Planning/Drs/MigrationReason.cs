namespace Cluster.Controller.Planning.Drs;

/// <summary>Why a migration is recommended.</summary>
public enum MigrationReason
{
    /// <summary>Fixes a broken must rule (VM–host must, affinity, anti-affinity): mandatory at every threshold.</summary>
    MustRuleViolation,

    /// <summary>Fixes a broken should rule.</summary>
    ShouldRuleViolation,

    /// <summary>Reduces load imbalance by more than it costs.</summary>
    Imbalance,

    /// <summary>Empties a host entering maintenance mode.</summary>
    Evacuation,

    /// <summary>Empties a host DPM powers off.</summary>
    PowerOff,
}
