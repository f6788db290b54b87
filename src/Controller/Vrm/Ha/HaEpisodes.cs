using Cluster.Messages;

namespace Cluster.Controller.Vrm.Ha;

/// <summary>
/// HA's book: one <see cref="HaEpisode"/> per VM HA is acting on. Every phase change goes through
/// <see cref="Move"/>, which logs it as <c>phase X => Y</c>. The journal's HA events move episodes the same way live
/// and on recovery (<see cref="Apply"/>), so a new VRM resumes where the old one stopped; the snapshot holds what
/// those events determine.
/// </summary>
public sealed class HaEpisodes(ILogger log)
{
    private readonly Dictionary<VmId, HaEpisode> _episodes = [];

    public HaEpisode? Of(VmId vm) => _episodes.GetValueOrDefault(vm);

    /// <summary>The VM's episode, begun now (Watching) if it had none.</summary>
    public HaEpisode Begin(VmId vm)
    {
        if (!_episodes.TryGetValue(vm, out var episode))
        {
            _episodes[vm] = episode = new HaEpisode(vm);
        }

        return episode;
    }

    /// <summary>The attempts made so far, or <paramref name="none"/> for a VM HA has not tried to restart.</summary>
    public int AttemptsOf(VmId vm, int none = 0) => _episodes.TryGetValue(vm, out var episode) && episode.Attempt > 0 ? episode.Attempt : none;

    public bool IsWaiting(VmId vm) => _episodes.TryGetValue(vm, out var episode) && episode.IsWaiting;

    /// <summary>The one place a phase changes.</summary>
    public void Move(HaEpisode episode, HaPhase to, string why)
    {
        ArgumentNullException.ThrowIfNull(episode);
        if (episode.Phase != to)
        {
            log.LogHaPhase(episode.VmId, episode.Phase, to, why);
            episode.Phase = to;
        }
    }

    /// <summary>Follows the journal: the same events move the episodes live and when a VRM recovers.</summary>
    public void Apply(IWireMessage @event)
    {
        switch (@event)
        {
            case HaRestartPlanned planned:
                var restarting = Begin(planned.VmId);
                restarting.Attempt = planned.Attempt;
                Move(restarting, HaPhase.Restarting, $"attempt {planned.Attempt} on {planned.TargetHost}");
                break;
            case HaRestartFailed failed:
                var episode = Begin(failed.VmId);
                episode.Attempt = Math.Max(failed.Attempt, episode.Attempt);
                if (!episode.IsWaiting)
                {
                    Move(episode, HaPhase.RestartFailed, failed.Reason);
                }

                break;
            case HaRestartAbandoned abandoned:
                Move(Begin(abandoned.VmId), HaPhase.Abandoned, abandoned.Reason);
                break;
            case HostStateChanged { To: HostState.Normal } normal:
                GiveAbandonedAFreshBudget(normal.HostId);
                RetryWaitingNow($"host {normal.HostId} is Normal again");
                break;
            case VmPowerStateChanged { To: VmPowerState.Running } running:
                End(running.VmId, "running");
                break;
            case VmDeleted deleted:
                End(deleted.VmId, "deleted");
                break;
        }
    }

    /// <summary>Capacity came back: VMs HA had given up on are looked at again from attempt 1, with no host excluded.</summary>
    private void GiveAbandonedAFreshBudget(HostId host)
    {
        foreach (var episode in _episodes.Values)
        {
            if (episode.Phase == HaPhase.Abandoned)
            {
                episode.Attempt = 0;
                episode.ClearExcluded();
                Move(episode, HaPhase.Watching, $"host {host} is Normal again");
            }
        }
    }

    /// <summary>Room may have come back: restarts waiting for their back-off delay are due now (their timers find nothing to wait for).</summary>
    public void RetryWaitingNow(string why)
    {
        foreach (var episode in _episodes.Values)
        {
            if (episode.Phase == HaPhase.WaitingToRetry)
            {
                Move(episode, HaPhase.RestartFailed, why);
            }
        }
    }

    /// <summary>A VM seen running again (or deleted) ends its episode: the next failure starts afresh.</summary>
    private void End(VmId vm, string why)
    {
        if (_episodes.Remove(vm, out var episode))
        {
            log.LogHaEpisodeEnded(vm, episode.Phase, why);
        }
    }

    public IReadOnlyList<HaEpisodeSnapshot> ToSnapshot() =>
        [.. _episodes.Values.Where(e => e.Attempt > 0 || e.Phase == HaPhase.Abandoned).OrderBy(e => e.VmId).Select(e => e.ToSnapshot())];

    public void Restore(IReadOnlyList<HaEpisodeSnapshot>? snapshot)
    {
        _episodes.Clear();
        foreach (var saved in snapshot ?? [])
        {
            _episodes[saved.VmId] = new HaEpisode(saved.VmId) { Phase = saved.Phase, Attempt = saved.Attempt };
        }
    }
}
