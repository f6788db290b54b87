using Cluster.Deciders;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Tests.World;

public sealed class TimerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static (SimWorld World, ScriptedDecider Decider) OneDecider(Action<Step, object, Peer>? onInput = null, Action<Step>? onStart = null)
    {
        var world = new SimWorld(seed: 1);
        var decider = new ScriptedDecider(onInput, onStart);
        world.CreateNode("n1", node => node.Host("d", () => decider));
        return (world, decider);
    }

    [Fact]
    public void A_single_timer_fires_once_after_its_delay()
    {
        var (world, decider) = OneDecider(onStart: step => step.StartSingleTimer("t", new Ping(1), 2 * Second));

        world.Advance(10 * Second);

        Assert.Equal([2 * Second], decider.Times());
        Assert.Equal([new Ping(1)], decider.Inputs());
    }

    [Fact]
    public void Starting_a_key_again_replaces_the_timer_so_only_the_new_message_arrives_at_the_new_time()
    {
        var (world, decider) = OneDecider(
            onInput: (step, input, _) =>
            {
                if (input is Ping(1))
                {
                    step.StartSingleTimer("t", new Ping(2), 5 * Second);
                }
            },
            onStart: step =>
            {
                step.StartSingleTimer("t", new Ping(0), 3 * Second);
                step.StartSingleTimer("other", new Ping(1), Second);
            });

        world.Advance(20 * Second);

        Assert.Equal([new Ping(1), new Ping(2)], decider.Inputs());
        Assert.Equal([Second, 6 * Second], decider.Times());
    }

    [Fact]
    public void A_cancelled_timer_never_arrives_even_when_already_due()
    {
        var (world, decider) = OneDecider(
            onInput: (step, input, _) =>
            {
                if (input is Ping(1))
                {
                    step.CancelTimer("t");
                }
            },
            onStart: step =>
            {
                // Both due at the same instant; the first delivered cancels the second.
                step.StartSingleTimer("first", new Ping(1), Second);
                step.StartSingleTimer("t", new Ping(2), Second);
            });

        world.Advance(10 * Second);

        Assert.Equal([new Ping(1)], decider.Inputs());
        Assert.False(world.Node("n1").HasTimer("d", "t"));
    }

    [Fact]
    public void A_periodic_timer_rearms_every_interval_until_cancelled()
    {
        var beats = 0;
        var (world, decider) = OneDecider(
            onInput: (step, _, _) =>
            {
                if (++beats == 3)
                {
                    step.CancelTimer("beat");
                }
            },
            onStart: step => step.StartPeriodicTimer("beat", new Ping(0), 2 * Second));

        world.Advance(20 * Second);

        Assert.Equal([2 * Second, 4 * Second, 6 * Second], decider.Times());
        Assert.False(world.Node("n1").HasTimer("d", "beat"));
    }

    [Fact]
    public void Timers_die_with_their_node_and_a_restarted_node_has_only_what_its_start_up_arms()
    {
        var lives = new List<ScriptedDecider>();
        var world = new SimWorld(seed: 1);
        world.CreateNode("n1", node => node.Host("d", () =>
        {
            var decider = new ScriptedDecider(onStart: step =>
            {
                if (lives.Count == 1)
                {
                    step.StartSingleTimer("t", new Ping(1), 5 * Second);
                }
            });
            lives.Add(decider);
            return decider;
        }));

        world.Advance(2 * Second);
        world.Crash("n1");
        world.Advance(Second);
        world.Restart("n1");
        world.Advance(20 * Second);

        Assert.Equal(2, lives.Count);
        Assert.Empty(lives[0].Received);
        Assert.Empty(lives[1].Received);
    }
}
