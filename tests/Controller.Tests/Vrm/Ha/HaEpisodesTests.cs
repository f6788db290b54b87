using Cluster.Controller.Vrm.Ha;
using Cluster.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Controller.Tests.Vrm.Ha;

/// <summary>HA's book follows the journal: the same HA events move one VM's episode through its phases live and on recovery.</summary>
public sealed class HaEpisodesTests
{
    private static readonly VmId Vm = VmId.From("vm-0001");
    private static readonly HostId H1 = HostId.From("h-1");
    private static readonly HostId H2 = HostId.From("h-2");

    private readonly HaEpisodes _book = new(NullLogger.Instance);

    [Fact]
    public void A_planned_restart_moves_the_episode_to_restarting_with_its_attempt()
    {
        _book.Apply(new HaRestartPlanned(Vm, H1, H2, 2));

        var episode = _book.Of(Vm)!;
        Assert.Equal((HaPhase.Restarting, 2), (episode.Phase, episode.Attempt));
    }

    [Fact]
    public void A_failed_try_keeps_the_highest_attempt_and_lets_ha_look_again()
    {
        _book.Apply(new HaRestartPlanned(Vm, H1, H2, 3));

        _book.Apply(new HaRestartFailed(Vm, 1, "refused"));

        var episode = _book.Of(Vm)!;
        Assert.Equal((HaPhase.RestartFailed, 3), (episode.Phase, episode.Attempt));
        Assert.False(_book.IsWaiting(Vm));
    }

    [Fact]
    public void A_failure_recorded_while_waiting_to_retry_keeps_the_vm_waiting()
    {
        _book.Move(_book.Begin(Vm), HaPhase.WaitingToRetry, "no host");

        _book.Apply(new HaRestartFailed(Vm, 1, "no host"));

        Assert.True(_book.IsWaiting(Vm));
    }

    [Fact]
    public void An_abandoned_vm_is_waited_on_until_a_host_turns_normal_and_then_starts_a_fresh_budget()
    {
        _book.Apply(new HaRestartPlanned(Vm, H1, H2, 5));
        _book.Begin(Vm).Exclude(H2);
        _book.Apply(new HaRestartAbandoned(Vm, 5, "no host"));
        Assert.True(_book.IsWaiting(Vm));

        _book.Apply(new HostStateChanged(H2, HostState.Faulty, HostState.Normal, "heartbeats resumed"));

        var episode = _book.Of(Vm)!;
        Assert.Equal((HaPhase.Watching, 0), (episode.Phase, episode.Attempt));
        Assert.Empty(episode.ExcludedHosts);
        Assert.False(_book.IsWaiting(Vm));
    }

    [Fact]
    public void A_vm_seen_running_ends_its_episode_with_its_notices_and_guest_down_time()
    {
        var episode = _book.Begin(Vm);
        episode.GuestDownSince = DateTimeOffset.UnixEpoch;
        Assert.True(episode.FirstNotice("ha-disabled"));

        _book.Apply(new VmPowerStateChanged(Vm, VmPowerState.Starting, VmPowerState.Running, 2));

        Assert.Null(_book.Of(Vm));
        Assert.True(_book.Begin(Vm).FirstNotice("ha-disabled"));
    }

    [Fact]
    public void The_snapshot_keeps_attempts_and_give_ups_and_turns_a_pending_retry_into_a_look_now()
    {
        var other = VmId.From("vm-0002");
        _book.Apply(new HaRestartPlanned(Vm, H1, H2, 2));
        _book.Move(_book.Of(Vm)!, HaPhase.WaitingToRetry, "no host");
        _book.Apply(new HaRestartFailed(other, 5, "no host"));
        _book.Apply(new HaRestartAbandoned(other, 5, "no host"));
        _book.Begin(VmId.From("vm-0003")).GuestDownSince = DateTimeOffset.UnixEpoch;

        var restored = new HaEpisodes(NullLogger.Instance);
        restored.Restore(_book.ToSnapshot());

        Assert.Equal([new HaEpisodeSnapshot(Vm, HaPhase.RestartFailed, 2), new HaEpisodeSnapshot(other, HaPhase.Abandoned, 5)], restored.ToSnapshot());
        Assert.False(restored.IsWaiting(Vm));
        Assert.True(restored.IsWaiting(other));
    }
}
