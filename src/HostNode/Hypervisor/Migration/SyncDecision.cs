namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>What the bitmap sync at the end of a pass decides.</summary>
internal abstract record SyncDecision
{
    /// <summary>
    /// After <paramref name="pass"/>, ending at <paramref name="now"/>: switch over when what it left dirty can be sent
    /// within the downtime limit; else raise the throttle by QEMU's rule and run another pass, unless the remainder has
    /// stopped shrinking with no throttle left to raise, or the pass limit is reached.
    /// </summary>
    public static SyncDecision After(PreCopyPass pass, TimeSpan now, ThrottleTrigger trigger, int stalledPasses, PreCopyParameters parameters)
    {
        var bandwidth = parameters.BandwidthMibPerSecond;
        var remaining = pass.DirtiedMib;
        var sendTime = TimeSpan.FromSeconds(remaining / bandwidth);
        if (sendTime <= parameters.DowntimeLimit)
        {
            return new SwitchOver(remaining, sendTime, sendTime + parameters.SwitchoverCost);
        }

        var autoConverge = parameters.AutoConverge;
        var (nextTrigger, raise) = trigger.AfterSync(now, pass, autoConverge.TriggerThresholdPercent);
        var throttle = raise && autoConverge.CanRaise(pass.ThrottlePercent) ? autoConverge.Raise(pass.ThrottlePercent) : pass.ThrottlePercent;
        var stalled = remaining >= pass.SentMib && !autoConverge.CanRaise(throttle) ? stalledPasses + 1 : 0;
        if (stalled >= parameters.StalledPassesToGiveUp)
        {
            var rate = PreCopyPass.ThrottledDirtyRate(parameters, throttle);
            return new GiveUp(remaining, throttle,
                FormattableString.Invariant($"not converging: the guest dirties {rate:0.#} MiB/s at {throttle} % throttle, the copy runs at {bandwidth:0.#} MiB/s"));
        }

        if (pass.Number >= parameters.MaxPasses)
        {
            return new GiveUp(remaining, throttle, $"not converged after {parameters.MaxPasses} passes");
        }

        return new NextPass(remaining, throttle, nextTrigger, stalled);
    }
}

/// <summary>Stop the guest, send <paramref name="RemainingMib"/> in <paramref name="Transfer"/>; the guest is paused for <paramref name="Downtime"/>.</summary>
internal sealed record SwitchOver(double RemainingMib, TimeSpan Transfer, TimeSpan Downtime) : SyncDecision;

internal sealed record NextPass(double SizeMib, int ThrottlePercent, ThrottleTrigger Trigger, int StalledPasses) : SyncDecision;

/// <summary>The model's verdict of non-convergence; <paramref name="RemainingMib"/> is what the next pass would have sent.</summary>
internal sealed record GiveUp(double RemainingMib, int ThrottlePercent, string Reason) : SyncDecision;
