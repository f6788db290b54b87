using Cluster.HostNode.Hypervisor.Migration;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// A simulated transfer from the source's side: the model, how far in the time the agent passes it has been advanced,
/// the connection it goes over, and what happened after the model completed (the target's confirmation, or why it never came).
/// </summary>
internal sealed class OutgoingMigration(long incarnation, OutgoingLink link, PreCopyProgress progress, DateTimeOffset startedAt)
{
    public long Incarnation { get; } = incarnation;

    public OutgoingLink Link { get; } = link;

    public PreCopyProgress Progress { get; set; } = progress;

    public DateTimeOffset AdvancedTo { get; set; } = startedAt;

    /// <summary>When the source told the target the memory had all arrived; null before.</summary>
    public DateTimeOffset? CompletionSentAt { get; set; }

    /// <summary>Why the target never confirmed the completed transfer; the source then runs on.</summary>
    public string? DeliveryFailure { get; set; }

    public bool ModelCompleted => Progress.Result?.Status == MigrationStatus.Completed;

    /// <summary>Still sending, or completed and waiting for the target's word.</summary>
    public bool IsUnderWay => !Progress.IsFinished || (ModelCompleted && !Link.Delivered && DeliveryFailure is null);

    /// <summary>The model's status, as the source sees it across the link: completed only once the target confirmed.</summary>
    public PreCopyStatus Status()
    {
        var status = Progress.Query();
        if (DeliveryFailure is { } failure)
        {
            return status with { Status = MigrationStatus.Failed, Downtime = null, GuestPaused = false, Error = failure };
        }

        return ModelCompleted && !Link.Delivered ? status with { Status = MigrationStatus.Active, Downtime = null, GuestPaused = true } : status;
    }
}
