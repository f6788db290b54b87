using Cluster.HostNode.Hypervisor.Migration;

namespace Cluster.HostNode.Hypervisor;

/// <summary>A simulated transfer from the source's side: the model, how far in virtual time it has been advanced, and where it goes.</summary>
internal sealed class OutgoingMigration(long incarnation, IncomingEndpoint target, PreCopyProgress progress, DateTimeOffset startedAt)
{
    public long Incarnation { get; } = incarnation;

    public IncomingEndpoint Target { get; } = target;

    public PreCopyProgress Progress { get; set; } = progress;

    public DateTimeOffset AdvancedTo { get; set; } = startedAt;
}
