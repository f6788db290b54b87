using Cluster.Simulation.World;

namespace Cluster.Simulation.Tests.World;

public sealed class EffectTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly SimWorld _world = new(seed: 5);

    private static ScriptedDecider Reader() => new((step, input, _) =>
    {
        if (input is Ping ping)
        {
            step.Run(new ReadDisk("disk-" + ping.N));
        }
    });

    [Fact]
    public void An_effects_result_comes_back_at_the_same_instant_before_other_deliveries_due_then()
    {
        _world.HandleEffect<ReadDisk>(read => new DiskRead(read.Path, 512));
        var reader = Reader();
        _world.CreateNode("n1", node => node.Host("reader", () => reader));
        var address = new SimAddress("n1", "reader");

        _world.Send(address, new Ping(1));
        _world.Send(address, new Ping(2));
        _world.RunUntilIdle();

        Assert.Equal([new Ping(1), new DiskRead("disk-1", 512), new Ping(2), new DiskRead("disk-2", 512)], reader.Inputs());
        Assert.All(reader.Times(), at => Assert.Equal(TimeSpan.Zero, at));
    }

    [Fact]
    public void A_handler_can_answer_later_to_model_slow_storage()
    {
        _world.HandleEffect<ReadDisk>((read, by) => EffectResult.After(TimeSpan.FromMilliseconds(250), new DiskRead(read.Path + "@" + by.Node, 1)));
        var reader = Reader();
        _world.CreateNode("n1", node => node.Host("reader", () => reader));

        _world.Send(new SimAddress("n1", "reader"), new Ping(1));
        _world.Advance(Second);

        Assert.Equal([(TimeSpan.Zero, (object)new Ping(1)), (TimeSpan.FromMilliseconds(250), new DiskRead("disk-1@n1", 1))],
            reader.Received.Select(r => (r.At, r.Input)));
    }

    [Fact]
    public void A_late_result_for_a_decider_that_died_meanwhile_is_lost()
    {
        _world.HandleEffect<ReadDisk>(read => EffectResult.After(Second, new DiskRead(read.Path, 1)));
        var lives = new List<ScriptedDecider>();
        _world.CreateNode("n1", node => node.Host("reader", () =>
        {
            lives.Add(Reader());
            return lives[^1];
        }));

        _world.Send(new SimAddress("n1", "reader"), new Ping(1));
        _world.Advance(TimeSpan.FromMilliseconds(500));
        _world.Crash("n1");
        _world.Restart("n1");
        _world.Advance(2 * Second);

        Assert.Equal([new Ping(1)], lives[0].Inputs());
        Assert.Empty(lives[1].Received);
    }

    [Fact]
    public void An_effect_nobody_handles_is_a_set_up_error_not_a_silent_loss()
    {
        _world.CreateNode("n1", node => node.Host("reader", () => Reader()));

        _world.Send(new SimAddress("n1", "reader"), new Ping(1));

        Assert.Throws<InvalidOperationException>(() => _world.RunUntilIdle());
    }
}
