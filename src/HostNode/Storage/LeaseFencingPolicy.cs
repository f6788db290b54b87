namespace Cluster.HostNode.Storage;

/// <summary>
/// Decides, for one VM on this host, when the VM must be fenced (stopped) because its storage lease may no longer
/// be ours. Pure and immutable: the renewer feeds it outcomes and asks it with the current time.
/// The deadline runs from the start of the last successful renewal attempt, not from when its answer arrived: the
/// store stamped the lease no earlier than the start, so counting from there keeps the deadline before the expiry.
/// A success whose attempt started only after the deadline is ignored (the VM must already be stopping, and HA may
/// be about to restart it elsewhere); a lost lease fences at once and for good.
/// </summary>
public sealed record LeaseFencingPolicy
{
    private LeaseFencingPolicy(LeaseFencingOptions options, DateTimeOffset lastSuccessAt)
    {
        Options = options;
        LastSuccessAt = lastSuccessAt;
    }

    public LeaseFencingOptions Options { get; }

    /// <summary>Start time of the last renewal (or the acquire) that the store confirmed.</summary>
    public DateTimeOffset LastSuccessAt { get; private init; }

    /// <summary>Failed renewals since the last success, for logging.</summary>
    public int ConsecutiveFailures { get; private init; }

    /// <summary>True once the store said the lease is no longer ours.</summary>
    public bool LeaseLost { get; private init; }

    /// <summary>The VM must be stopped at this instant unless a renewal succeeds before it.</summary>
    public DateTimeOffset FenceDeadline => LeaseLost ? DateTimeOffset.MinValue : LastSuccessAt + Options.FenceAfter;

    /// <summary>A policy for a VM whose lease was acquired by an attempt started at <paramref name="acquiredAt"/>.</summary>
    public static LeaseFencingPolicy Start(LeaseFencingOptions options, DateTimeOffset acquiredAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LeaseFencingPolicy(options.Validate(), acquiredAt);
    }

    /// <summary>Records a renewal attempt started at <paramref name="attemptStartedAt"/>; the result is the new state.</summary>
    public LeaseFencingPolicy Record(RenewalOutcome outcome, DateTimeOffset attemptStartedAt) => outcome switch
    {
        RenewalOutcome.Succeeded when MustFence(attemptStartedAt) => this,
        RenewalOutcome.Succeeded => this with
        {
            LastSuccessAt = attemptStartedAt > LastSuccessAt ? attemptStartedAt : LastSuccessAt,
            ConsecutiveFailures = 0,
        },
        RenewalOutcome.Failed => this with { ConsecutiveFailures = ConsecutiveFailures + 1 },
        RenewalOutcome.Lost => this with { LeaseLost = true },
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown renewal outcome."),
    };

    /// <summary>True when the VM must be stopped now.</summary>
    public bool MustFence(DateTimeOffset now) => now >= FenceDeadline;

    /// <summary>How long until the VM is fenced if no renewal succeeds (zero once it must be); for logging.</summary>
    public TimeSpan TimeUntilFence(DateTimeOffset now) => MustFence(now) ? TimeSpan.Zero : FenceDeadline - now;
}
