using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>A simulated disk mirror: the model, how far in virtual time it has been advanced, and where the disks go.</summary>
internal sealed class DiskMirrorJob(long incarnation, DatastoreId datastore, StorageMirrorProgress progress, DateTimeOffset startedAt)
{
    public long Incarnation { get; } = incarnation;

    public DatastoreId Datastore { get; } = datastore;

    public StorageMirrorProgress Progress { get; set; } = progress;

    public DateTimeOffset AdvancedTo { get; set; } = startedAt;
}
