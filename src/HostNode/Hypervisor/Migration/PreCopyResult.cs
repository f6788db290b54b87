namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>How a migration ended.</summary>
/// <param name="Status">Completed, failed (the model's non-convergence or an injected fault) or cancelled.</param>
/// <param name="Passes">The pre-copy passes, in order; the switch-over's final copy is not one of them.</param>
/// <param name="TotalTime">From the migrate command to the end: completion, the model's verdict, or cancellation.</param>
/// <param name="Downtime">How long the guest was paused, if it completed.</param>
/// <param name="SwitchoverMib">What the switch-over sent while the guest was paused, if it completed.</param>
/// <param name="FinalThrottlePercent">The guest's CPU throttle at the end.</param>
/// <param name="TransferredMib">Everything sent, the switch-over included.</param>
/// <param name="DirtySyncCount">As <c>query-migrate</c> reports it at the end.</param>
/// <param name="Error">Why it failed, if it did.</param>
public sealed record PreCopyResult(
    MigrationStatus Status,
    IReadOnlyList<PreCopyPass> Passes,
    TimeSpan TotalTime,
    TimeSpan? Downtime,
    double? SwitchoverMib,
    int FinalThrottlePercent,
    double TransferredMib,
    int DirtySyncCount,
    string? Error)
{
    public bool Converged => Status == MigrationStatus.Completed;
}
