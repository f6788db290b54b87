using System.Runtime.CompilerServices;
using Akka.Actor;
using Cluster.HostNode.Node;

namespace Cluster.HostNode.Tests.Node;

public sealed class NodeLifetimeTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_downed_node_rejoins_at_once_and_keeps_the_process()
    {
        var decision = new NodeLifetime().After(CoordinatedShutdown.ClusterDowningReason.Instance, stopRequested: false, Long);

        Assert.True(decision.Rejoin);
        Assert.Equal(TimeSpan.Zero, decision.Pause);
        Assert.Contains("downed", decision.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_the_operator_asked_for_exits_cleanly_whatever_ended_the_system()
    {
        var lifetime = new NodeLifetime();

        var decision = lifetime.After(CoordinatedShutdown.ClrExitReason.Instance, stopRequested: true, Long);
        var downedWhileStopping = lifetime.After(CoordinatedShutdown.ClusterDowningReason.Instance, stopRequested: true, Short);

        Assert.Equal((false, 0), (decision.Rejoin, decision.ExitCode));
        Assert.Equal((false, 0), (downedWhileStopping.Rejoin, downedWhileStopping.ExitCode));
    }

    [Fact]
    public void Being_removed_or_failing_to_join_rejoins_too_since_only_a_signal_ends_the_process()
    {
        var lifetime = new NodeLifetime();

        Assert.True(lifetime.After(CoordinatedShutdown.ClusterLeavingReason.Instance, false, Long).Rejoin);
        Assert.True(lifetime.After(CoordinatedShutdown.ClusterJoinUnsuccessfulReason.Instance, false, Long).Rejoin);
        Assert.True(lifetime.After(null, false, Long).Rejoin);
    }

    [Fact]
    public void A_failed_tls_handshake_exits_with_an_error_instead_of_retrying_the_same_seeds()
    {
        var tlsFailure = typeof(global::Akka.Remote.RemoteSettings).Assembly.GetTypes().Single(t => t.Name == "TlsHandshakeFailureReason");
        // Akka.Remote makes it with the handshake's error, which the decision does not look at.
        var reason = (CoordinatedShutdown.Reason)RuntimeHelpers.GetUninitializedObject(tlsFailure);

        var decision = new NodeLifetime().After(reason, stopRequested: false, Long);

        Assert.Equal((false, 1), (decision.Rejoin, decision.ExitCode));
    }

    [Fact]
    public void Systems_that_end_soon_after_starting_rejoin_after_a_pause_doubling_to_the_cap_and_a_healthy_one_resets_it()
    {
        var lifetime = new NodeLifetime();
        var downed = CoordinatedShutdown.ClusterDowningReason.Instance;

        var pauses = Enumerable.Range(0, 7).Select(_ => lifetime.After(downed, false, Short).Pause.TotalSeconds).ToList();
        var afterHealthy = lifetime.After(downed, false, NodeLifetime.HealthyLife).Pause;

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], pauses);
        Assert.Equal(TimeSpan.Zero, afterHealthy);
    }
}
