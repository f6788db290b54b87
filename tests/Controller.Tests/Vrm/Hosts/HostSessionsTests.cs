using Cluster.Controller.FailureDetection;
using Cluster.Controller.Vrm.Hosts;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Hosts;

/// <summary>One session per host this VRM has heard: its failure detector, its agent's peer, and nothing kept after removal.</summary>
public sealed class HostSessionsTests
{
    private static readonly HostId H1 = HostId.From("h-1");

    private readonly HostSessions _sessions = new(new FailureDetectorOptions());

    [Fact]
    public void A_host_heard_once_gets_a_session_with_a_detector_that_gives_up_after_thirty_silent_seconds()
    {
        var session = _sessions.Heard(H1, TestClock.T0);

        Assert.True(session.Detector.IsAvailable(TestClock.At(29)));
        Assert.False(session.Detector.IsAvailable(TestClock.At(31)));
        Assert.Equal(TestClock.T0, session.LastHeard);
        Assert.Null(session.LastHeartbeat);
    }

    [Fact]
    public void Hearing_a_host_again_keeps_its_session_and_moves_its_window()
    {
        var first = _sessions.Heard(H1, TestClock.T0);

        var again = _sessions.Heard(H1, TestClock.At(20));

        Assert.Same(first, again);
        Assert.True(again.Detector.IsAvailable(TestClock.At(45)));
    }

    [Fact]
    public void A_host_is_found_by_its_agents_peer_until_it_is_forgotten()
    {
        _sessions.Heard(H1, TestClock.T0).Peer = new Peer("agent-1");

        Assert.Equal(H1, _sessions.HostOf(new Peer("agent-1")));
        Assert.Null(_sessions.HostOf(new Peer("agent-2")));

        _sessions.Forget(H1);

        Assert.Null(_sessions.HostOf(new Peer("agent-1")));
        Assert.Null(_sessions.Of(H1));
    }
}
