using Cluster.Messages;

namespace Cluster.Controller.Vrm.Ha;

/// <summary>
/// One VM's HA episode: its phase, how many restarts it has had, the hosts that refused it, since when its guest
/// has been seen down, and the notices already given. Phase, attempt and the abandoned state follow the journal
/// and are in the snapshot; the rest belongs to this VRM's tenure.
/// </summary>
public sealed class HaEpisode(VmId vm)
{
    private HashSet<HostId>? _excluded;
    private HashSet<string>? _notices;

    public VmId VmId => vm;

    public HaPhase Phase { get; internal set; } = HaPhase.Watching;

    /// <summary>The restart attempts so far; 0 before the first.</summary>
    public int Attempt { get; internal set; }

    /// <summary>When HA first saw the guest down on a healthy host; a restart waits for the guest-failure timeout from then.</summary>
    public DateTimeOffset? GuestDownSince { get; set; }

    /// <summary>HA's own retry timer or its give-up keeps it from looking at the VM.</summary>
    public bool IsWaiting => Phase is HaPhase.WaitingToRetry or HaPhase.Abandoned;

    public IReadOnlyCollection<HostId> ExcludedHosts => (IReadOnlyCollection<HostId>?)_excluded ?? [];

    public void Exclude(HostId host) => (_excluded ??= []).Add(host);

    public void ClearExcluded() => _excluded = null;

    /// <summary>True the first time a notice of <paramref name="kind"/> is given in this episode.</summary>
    public bool FirstNotice(string kind) => (_notices ??= []).Add(kind);

    public HaEpisodeSnapshot ToSnapshot() => new(vm, Phase == HaPhase.WaitingToRetry ? HaPhase.RestartFailed : Phase, Attempt);
}
