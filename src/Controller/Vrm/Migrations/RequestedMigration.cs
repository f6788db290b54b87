using Cluster.Messages;

namespace Cluster.Controller.Vrm.Migrations;

/// <summary>
/// A migration request that waited in the queue: <paramref name="Sequence"/> orders requests of one priority first come
/// first served; <paramref name="DroppedBecause"/> is set once it left the queue without being admitted.
/// </summary>
public sealed record RequestedMigration(MigrationRequested Request, long Sequence, string? DroppedBecause = null)
{
    /// <summary>Admission order: priority, then arrival.</summary>
    public static int Compare(RequestedMigration a, RequestedMigration b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byPriority = a.Request.Priority.CompareTo(b.Request.Priority);
        return byPriority != 0 ? byPriority : a.Sequence.CompareTo(b.Sequence);
    }
}
