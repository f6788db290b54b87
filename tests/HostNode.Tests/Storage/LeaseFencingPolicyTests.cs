using Cluster.HostNode.Storage;

namespace Cluster.HostNode.Tests.Storage;

public sealed class LeaseFencingPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LeaseFencingOptions Defaults = new();

    private static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Defaults_fence_after_15_s_of_a_20_s_lease()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), Defaults.FenceAfter);
        Assert.Equal(TimeSpan.FromSeconds(20), Defaults.LeaseTtl);
    }

    [Fact]
    public void No_fence_at_14_9_s_without_renewal_and_fence_at_15_s()
    {
        var policy = LeaseFencingPolicy.Start(Defaults, T0);

        Assert.False(policy.MustFence(At(14.9)));
        Assert.Equal(TimeSpan.FromSeconds(0.1), policy.TimeUntilFence(At(14.9)));
        Assert.True(policy.MustFence(At(15)));
        Assert.Equal(TimeSpan.Zero, policy.TimeUntilFence(At(15)));
        Assert.Equal(TimeSpan.Zero, policy.TimeUntilFence(At(60)));
    }

    [Fact]
    public void Failures_do_not_move_the_deadline_but_are_counted()
    {
        var policy = LeaseFencingPolicy.Start(Defaults, T0)
            .Record(RenewalOutcome.Failed, At(5))
            .Record(RenewalOutcome.Failed, At(10));

        Assert.Equal(2, policy.ConsecutiveFailures);
        Assert.Equal(At(15), policy.FenceDeadline);
        Assert.False(policy.MustFence(At(14.9)));
        Assert.True(policy.MustFence(At(15)));
    }

    [Fact]
    public void A_success_resets_the_deadline_and_the_failure_count()
    {
        var policy = LeaseFencingPolicy.Start(Defaults, T0)
            .Record(RenewalOutcome.Failed, At(5))
            .Record(RenewalOutcome.Failed, At(10))
            .Record(RenewalOutcome.Succeeded, At(14));

        Assert.Equal(0, policy.ConsecutiveFailures);
        Assert.False(policy.MustFence(At(28.9)));
        Assert.True(policy.MustFence(At(29)));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.TimeUntilFence(At(25)));
    }

    [Fact]
    public void A_success_reported_out_of_order_never_moves_the_deadline_back()
    {
        var policy = LeaseFencingPolicy.Start(Defaults, T0)
            .Record(RenewalOutcome.Succeeded, At(10))
            .Record(RenewalOutcome.Succeeded, At(5));

        Assert.Equal(At(25), policy.FenceDeadline);
    }

    [Fact]
    public void A_success_whose_attempt_started_after_the_deadline_does_not_unfence()
    {
        var policy = LeaseFencingPolicy.Start(Defaults, T0).Record(RenewalOutcome.Succeeded, At(15));

        Assert.True(policy.MustFence(At(15)));
        Assert.Equal(At(15), policy.FenceDeadline);
    }

    [Fact]
    public void A_lost_lease_fences_at_once_and_for_good()
    {
        var policy = LeaseFencingPolicy.Start(Defaults, T0)
            .Record(RenewalOutcome.Lost, At(1))
            .Record(RenewalOutcome.Succeeded, At(2));

        Assert.True(policy.LeaseLost);
        Assert.True(policy.MustFence(At(2)));
        Assert.Equal(TimeSpan.Zero, policy.TimeUntilFence(At(2)));
    }

    [Theory]
    [InlineData(20, 20)]
    [InlineData(25, 20)]
    [InlineData(0, 20)]
    [InlineData(-1, 20)]
    public void Validation_rejects_a_fence_after_not_shorter_than_the_ttl(int fenceAfter, int ttl)
    {
        var options = new LeaseFencingOptions { FenceAfter = TimeSpan.FromSeconds(fenceAfter), LeaseTtl = TimeSpan.FromSeconds(ttl) };

        var error = Assert.Throws<ArgumentException>(() => LeaseFencingPolicy.Start(options, T0));
        Assert.Equal(nameof(LeaseFencingOptions.FenceAfter), error.ParamName);
        Assert.Contains(nameof(LeaseFencingOptions.FenceAfter), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_rejects_a_non_positive_ttl()
    {
        var options = new LeaseFencingOptions { FenceAfter = TimeSpan.FromSeconds(1), LeaseTtl = TimeSpan.Zero };

        Assert.Equal(nameof(LeaseFencingOptions.LeaseTtl), Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }

    /// <summary>
    /// For every accepted configuration and any history of outcomes, the VM is fenced strictly before the lease
    /// written by its last success can expire (that lease was stamped no earlier than the attempt started).
    /// </summary>
    [Fact]
    public void Fence_deadline_is_before_lease_expiry_for_all_valid_configs()
    {
        var checkedConfigs = 0;
        for (var ttlMs = 100; ttlMs <= 60_000; ttlMs += 700)
        {
            for (var fenceMs = 0; fenceMs <= ttlMs + 1_000; fenceMs += 350)
            {
                var options = new LeaseFencingOptions { FenceAfter = TimeSpan.FromMilliseconds(fenceMs), LeaseTtl = TimeSpan.FromMilliseconds(ttlMs) };
                LeaseFencingPolicy policy;
                try
                {
                    policy = LeaseFencingPolicy.Start(options, T0);
                }
                catch (ArgumentException)
                {
                    Assert.True(fenceMs <= 0 || fenceMs >= ttlMs, $"valid config rejected: fence {fenceMs} ms, ttl {ttlMs} ms");
                    continue;
                }

                var renewedAt = T0;
                for (var step = 1; step <= 5; step++)
                {
                    var at = T0 + TimeSpan.FromMilliseconds(step * ttlMs / 4.0);
                    var next = policy.Record(step % 2 == 0 ? RenewalOutcome.Succeeded : RenewalOutcome.Failed, at);
                    if (next.LastSuccessAt != policy.LastSuccessAt)
                    {
                        renewedAt = at;
                    }

                    policy = next;
                    Assert.True(policy.FenceDeadline < renewedAt + options.LeaseTtl);
                    Assert.True(policy.MustFence(renewedAt + options.LeaseTtl - TimeSpan.FromTicks(1)));
                }

                checkedConfigs++;
            }
        }

        Assert.True(checkedConfigs > 1_000);
    }
}
