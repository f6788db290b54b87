using Cluster.Deciders;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Tests.World;

public sealed class AskTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly SimWorld _world = new(seed: 9);

    public AskTests()
    {
        // Answers after a second, by a timer, so the ask has to run virtual time forward.
        _world.CreateNode("n1", node => node.Host("slow", () =>
        {
            var waiting = new List<Peer>();
            return new ScriptedDecider((step, input, from) =>
            {
                switch (input)
                {
                    case Ping:
                        waiting.Add(from);
                        step.StartSingleTimer("answer", new Pong(0), Second);
                        break;
                    case Pong:
                        waiting.ForEach(asker => step.Send(asker, new Pong(waiting.Count)));
                        waiting.Clear();
                        break;
                }
            });
        }));
    }

    [Fact]
    public void Ask_runs_the_world_until_the_answer_arrives()
    {
        var answer = _world.Ask(new SimAddress("n1", "slow").AsPeer(), new Ping(1), 5 * Second);

        Assert.Equal(new Pong(1), answer);
        Assert.Equal(Second, _world.Elapsed);
    }

    [Fact]
    public void Ask_gives_up_after_its_limit_of_virtual_time()
    {
        Assert.Throws<TimeoutException>(() => _world.Ask(new SimAddress("n1", "slow").AsPeer(), new Ping(1), TimeSpan.FromMilliseconds(500)));

        Assert.Equal(TimeSpan.FromMilliseconds(500), _world.Elapsed);
    }

    [Fact]
    public void Asking_a_crashed_node_times_out()
    {
        _world.Crash("n1");

        Assert.Throws<TimeoutException>(() => _world.Ask(new SimAddress("n1", "slow").AsPeer(), new Ping(1), 5 * Second));
    }

    [Fact]
    public void An_ask_begun_without_running_the_world_shows_its_answer_and_when_once_the_world_has_run()
    {
        var ask = _world.BeginAsk(new SimAddress("n1", "slow").AsPeer(), new Ping(1));
        Assert.False(ask.IsAnswered);

        _world.Advance(2 * Second);

        Assert.Equal(new Pong(1), ask.Answer);
        Assert.Equal(Second, ask.AnsweredAt);
    }

    [Fact]
    public void A_forgotten_ask_hears_no_later_answer()
    {
        var ask = _world.BeginAsk(new SimAddress("n1", "slow").AsPeer(), new Ping(1));
        ask.Forget();

        _world.Advance(2 * Second);

        Assert.False(ask.IsAnswered);
    }
}
