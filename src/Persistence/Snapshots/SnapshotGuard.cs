namespace Cluster.Persistence;

internal static class SnapshotGuard
{
    public static void Check(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Guard.NotEmpty(snapshot.PersistenceId);
        Guard.Positive(snapshot.SequenceNr);
        Guard.NotEmpty(snapshot.Manifest);
        ArgumentNullException.ThrowIfNull(snapshot.Payload);
    }
}
