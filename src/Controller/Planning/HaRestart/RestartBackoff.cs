namespace Cluster.Controller.Planning.HaRestart;

/// <summary>What to do after a failed restart attempt: try again after a delay, or give up.</summary>
public sealed record RetryDecision(bool GiveUp, int NextAttempt, TimeSpan Delay)
{
    public static RetryDecision Abandon(int attempts) => new(true, attempts, TimeSpan.Zero);
}

/// <summary>
/// The HA retry schedule, a pure function of the attempt number: attempt 1 at once, attempt 2 after
/// <see cref="FirstRetryDelay"/>, each later one <see cref="Multiplier"/> times longer than the one
/// before; after <see cref="MaxAttempts"/> failures, give up (and raise an alarm). The default is 5
/// attempts at 0 s, 10 s, 20 s, 40 s and 80 s: long enough for a host's storage to settle, short
/// enough that an operator hears within a few minutes.
/// </summary>
public sealed record RestartBackoff
{
    public RestartBackoff(int maxAttempts, TimeSpan firstRetryDelay, double multiplier)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstRetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        (MaxAttempts, FirstRetryDelay, Multiplier) = (maxAttempts, firstRetryDelay, multiplier);
    }

    public static RestartBackoff Default { get; } = new(5, TimeSpan.FromSeconds(10), 2.0);

    public int MaxAttempts { get; }

    public TimeSpan FirstRetryDelay { get; }

    public double Multiplier { get; }

    /// <summary>The wait before each attempt, attempt 1 first.</summary>
    public IReadOnlyList<TimeSpan> Schedule => [.. Enumerable.Range(1, MaxAttempts).Select(DelayBefore)];

    /// <summary>How long to wait before attempt <paramref name="attempt"/> (counted from 1).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return attempt == 1 ? TimeSpan.Zero : FirstRetryDelay * Math.Pow(Multiplier, attempt - 2);
    }

    public RetryDecision AfterFailure(int failedAttempt) =>
        failedAttempt >= MaxAttempts
            ? RetryDecision.Abandon(failedAttempt)
            : new RetryDecision(false, failedAttempt + 1, DelayBefore(failedAttempt + 1));
}
