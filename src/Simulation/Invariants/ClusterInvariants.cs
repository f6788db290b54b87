namespace Cluster.Simulation.Invariants;

/// <summary>
/// Every invariant the scenario runner and the randomized runs check, in the order they are checked. A new invariant
/// is a new class in this folder and a line here.
/// </summary>
public static class ClusterInvariants
{
    /// <summary>Fresh instances for one run (an invariant may remember what it has already checked).</summary>
    public static IReadOnlyList<IInvariant> Create() =>
    [
        new NoVmRunsTwice(),
        new OnlyLeaseHolderRuns(),
        new NoVmLost(),
        new MigrationReservationsReleasedOnce(),
        new AcknowledgedCommandsAreJournaled(),
        new ControllerActiveWhenSettled(),
        new HostsNormalWhenSettled(),
        new NoVmStuckWhenSettled(),
        new InventoryMatchesHypervisorsWhenSettled(),
        new HaVmsRestartedWhenSettled(),
        new NoMigrationOpenWhenSettled(),
    ];
}
