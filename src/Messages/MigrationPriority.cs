namespace Cluster.Messages;

/// <summary>
/// Which waiting migration the VRM admits first when room frees up: lower values first, then first come first served.
/// Emptying a host for maintenance and repairing a broken must rule come before an operator's move, which comes before
/// balancing (DRS, DPM consolidation), since a balancing move is only worth its cost when nothing more urgent waits.
/// </summary>
public enum MigrationPriority
{
    Maintenance,
    RuleRepair,
    Operator,
    Balancing,
}
