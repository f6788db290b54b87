using System.Collections.Immutable;

namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// One pre-copy migration in virtual time, for the simulated hypervisor to advance and to query as
/// <c>query-migrate</c>. Immutable: every call returns the next state. The passes are decided only at their
/// syncs, from pass-level figures, so advancing in many small steps ends exactly where one large step does.
/// </summary>
public sealed record PreCopyProgress
{
    private enum Phase
    {
        Setup,
        Copying,
        SwitchingOver,
    }

    private PreCopyProgress(PreCopyParameters parameters)
    {
        Parameters = parameters;
        Trigger = ThrottleTrigger.StartingAt(parameters.SetupTime);
    }

    public PreCopyParameters Parameters { get; }

    /// <summary>Virtual time since the migrate command.</summary>
    public TimeSpan Elapsed { get; private init; }

    public bool IsFinished => Ending is not null;

    /// <summary>How it ended; null while it runs.</summary>
    public PreCopyResult? Result => Ending is { } ending ? Finish(ending) : null;

    private Phase Current { get; init; }

    private TimeSpan PhaseStart { get; init; }

    // While copying, the pass in flight; after the model gives up, the pass it would have run next.
    private PreCopyPass? Pass { get; init; }

    private SwitchOver? Switch { get; init; }

    private ImmutableList<PreCopyPass> Finished { get; init; } = [];

    private double FinishedMib { get; init; }

    private ThrottleTrigger Trigger { get; init; }

    private int StalledPasses { get; init; }

    private MigrationStatus? Ending { get; init; }

    private TimeSpan EndedAt { get; init; }

    private string? Error { get; init; }

    private double Bandwidth => Parameters.BandwidthMibPerSecond;

    /// <summary>The migrate command, at virtual time zero.</summary>
    public static PreCopyProgress Start(PreCopyParameters parameters) => new(ParameterProblems.Checked(parameters));

    public PreCopyProgress Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        var target = Elapsed + delta;
        var next = this;
        while (next.Ending is null && next.NextBoundary <= target)
        {
            next = next.Cross();
        }

        return next with { Elapsed = target };
    }

    /// <summary>Advanced until it ends, which it always does: the model gives up where QEMU would iterate for ever.</summary>
    public PreCopyProgress RunToEnd()
    {
        var next = this;
        while (next.Ending is null)
        {
            next = next.Cross();
        }

        return next with { Elapsed = next.EndedAt > Elapsed ? next.EndedAt : Elapsed };
    }

    /// <summary><c>migrate_cancel</c>: nothing more is sent and the guest runs on at the source. A finished migration stays as it ended.</summary>
    public PreCopyProgress Cancel() => Stop(MigrationStatus.Cancelled, null);

    /// <summary>A fault (the destination or the network is gone): status failed with <paramref name="reason"/>. A finished migration stays as it ended.</summary>
    public PreCopyProgress Fail(string reason) => Stop(MigrationStatus.Failed, reason);

    public PreCopyStatus Query()
    {
        var at = Ending is null ? Elapsed : EndedAt;
        var (transferred, remaining, syncs, throttle) = Figures(at);
        var paused = Ending is null && Current == Phase.SwitchingOver;
        return new PreCopyStatus(
            Ending ?? (Current == Phase.Setup ? MigrationStatus.Setup : MigrationStatus.Active),
            at,
            MigrationUnits.MibToBytes(transferred),
            MigrationUnits.MibToBytes(remaining),
            MigrationUnits.MibToBytes(Parameters.MemoryMib),
            MigrationUnits.MibToBytes(PreCopyPass.ThrottledDirtyRate(Parameters, throttle)),
            syncs,
            throttle,
            TimeSpan.FromSeconds(remaining / Bandwidth),
            Ending == MigrationStatus.Completed ? Switch!.Downtime : null,
            paused,
            Error);
    }

    private TimeSpan NextBoundary => Current switch
    {
        Phase.Setup => Parameters.SetupTime,
        Phase.Copying => PhaseStart + Pass!.Duration,
        _ => PhaseStart + Switch!.Downtime,
    };

    private PreCopyProgress Cross()
    {
        var at = NextBoundary;
        switch (Current)
        {
            case Phase.Setup:
                return StartPass(1, Parameters.MemoryMib, 0, at);
            case Phase.SwitchingOver:
                return this with { Ending = MigrationStatus.Completed, EndedAt = at };
        }

        var pass = Pass!;
        var synced = this with { Finished = Finished.Add(pass), FinishedMib = FinishedMib + pass.SentMib };
        return SyncDecision.After(pass, at, Trigger, StalledPasses, Parameters) switch
        {
            SwitchOver switchOver => synced with { Current = Phase.SwitchingOver, PhaseStart = at, Switch = switchOver, Pass = null },
            NextPass next => synced.StartPass(pass.Number + 1, next.SizeMib, next.ThrottlePercent, at) with
            {
                Trigger = next.Trigger,
                StalledPasses = next.StalledPasses,
            },
            GiveUp giveUp => synced.StartPass(pass.Number + 1, giveUp.RemainingMib, giveUp.ThrottlePercent, at) with
            {
                Ending = MigrationStatus.Failed,
                EndedAt = at,
                Error = giveUp.Reason,
            },
            var other => throw new InvalidOperationException($"unknown sync decision {other}"),
        };
    }

    private PreCopyProgress StartPass(int number, double sizeMib, int throttlePercent, TimeSpan at) => this with
    {
        Current = Phase.Copying,
        PhaseStart = at,
        Pass = PreCopyPass.Run(number, sizeMib, throttlePercent, Parameters),
    };

    private PreCopyProgress Stop(MigrationStatus ending, string? error) =>
        Ending is null ? this with { Ending = ending, EndedAt = Elapsed, Error = error } : this;

    // Sent, still to send in this phase, dirty-bitmap syncs and throttle, at a time within the current phase.
    private (double TransferredMib, double RemainingMib, int Syncs, int ThrottlePercent) Figures(TimeSpan at)
    {
        switch (Current)
        {
            case Phase.Setup:
                return (0, Parameters.MemoryMib, 0, 0);
            case Phase.Copying:
                var pass = Pass!;
                var sent = pass.SentMib * ShareDone(at, pass.Transfer);
                return (FinishedMib + sent, pass.SentMib - sent, pass.Number, pass.ThrottlePercent);
            default:
                var switchOver = Switch!;
                var final = switchOver.RemainingMib * ShareDone(at, switchOver.Transfer);
                return (FinishedMib + final, switchOver.RemainingMib - final, Finished.Count + 2, Finished[^1].ThrottlePercent);
        }
    }

    private double ShareDone(TimeSpan at, TimeSpan transfer) =>
        transfer <= TimeSpan.Zero ? 1 : Math.Clamp((at - PhaseStart) / transfer, 0, 1);

    private PreCopyResult Finish(MigrationStatus ending)
    {
        var (transferred, _, syncs, throttle) = Figures(EndedAt);
        var completed = ending == MigrationStatus.Completed;
        return new PreCopyResult(
            ending,
            Finished,
            EndedAt,
            completed ? Switch!.Downtime : null,
            completed ? Switch!.RemainingMib : null,
            throttle,
            transferred,
            syncs,
            Error);
    }
}
