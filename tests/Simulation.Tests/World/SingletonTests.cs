using Cluster.Simulation.World;

namespace Cluster.Simulation.Tests.World;

/// <summary>Three controllers compete for the "vrm" singleton (a toy counter keeping its total in the journal); host h1 talks to it through the proxy.</summary>
public sealed class SingletonTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly string[] Controllers = ["c1", "c2", "c3"];

    private readonly SimWorld _world;
    private readonly SimulatedSingleton _vrm;
    private readonly ScriptedDecider _host = new((step, input, _) =>
    {
        if (input is Add)
        {
            step.Send(SimAddress.Proxy("vrm").AsPeer(), input);
        }
    });

    public SingletonTests()
        : this(seed: 11)
    {
    }

    private SingletonTests(int seed)
    {
        _world = new SimWorld(seed);
        _world.HandleEffect<ReadDisk>(_ => null);
        _vrm = _world.CreateSingleton("vrm", epoch => new CounterDecider("vrm", epoch: epoch));
        foreach (var controller in Controllers)
        {
            _world.CreateNode(controller, node => _vrm.RunOn(node));
        }

        _world.CreateNode("h1", node => node.Host("tx", () => _host));
    }

    private List<Total> Totals() => _host.Inputs().OfType<Total>().ToList();

    private void AddViaProxy(int amount)
    {
        _world.Send(new SimAddress("h1", "tx"), new Add(amount));
        _world.Advance(TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void The_first_controller_takes_the_lease_with_epoch_1_and_the_others_stand_by()
    {
        _world.Advance(30 * Second);

        Assert.Equal("c1", _vrm.ActiveNode?.Name);
        Assert.Equal(1, _vrm.ActiveEpoch);
        Assert.Single(_vrm.Activations);
        Assert.Null(_world.Node("c2").DeciderAt("vrm"));
        Assert.NotNull(_world.Node("c2").DeciderAt(_vrm.ManagerName));
    }

    [Fact]
    public void When_the_holder_crashes_a_standby_takes_over_just_after_its_last_renewal_expires()
    {
        _world.Advance(4 * Second);
        _world.Crash("c1");
        _world.Advance(30 * Second);

        // c1 last renewed at 3 s, so its lease lapsed at 13 s; the standby tries 1 ms later.
        var takeover = _vrm.Activations[1];
        Assert.Equal(("c2", 2L, TimeSpan.FromSeconds(13.001)), (takeover.Node, takeover.Epoch, takeover.Started));
        Assert.Equal(4 * Second, _vrm.Activations[0].Ended);
        Assert.Equal(1, _vrm.MostActiveAtOnce);
    }

    [Fact]
    public void A_holder_cut_off_from_the_lease_store_stops_at_its_next_renewal_before_anyone_takes_over()
    {
        _world.Advance(4 * Second);
        _vrm.Leases.CutOff("c1");
        _world.Advance(30 * Second);

        Assert.Equal(6 * Second, _vrm.Activations[0].Ended);
        Assert.Equal(TimeSpan.FromSeconds(13.001), _vrm.Activations[1].Started);
        Assert.Equal(1, _vrm.MostActiveAtOnce);
        Assert.Null(_world.Node("c1").DeciderAt("vrm"));
    }

    [Fact]
    public void A_graceful_step_down_hands_the_lease_over_at_the_next_standby_tick_instead_of_after_the_ttl()
    {
        _world.Advance(4 * Second);
        _vrm.StepDown("c1");
        _world.Advance(10 * Second);

        Assert.Equal(("c2", 2L, 6 * Second), (_vrm.Activations[1].Node, _vrm.Activations[1].Epoch, _vrm.Activations[1].Started));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Under_random_controller_crashes_a_new_holder_always_has_a_higher_epoch_and_tenures_never_overlap(int seed)
    {
        var run = new SingletonTests(seed);
        var chance = new SimRandom(seed);
        for (var round = 0; round < 60; round++)
        {
            var controller = Controllers[(int)(chance.NextUInt64() % 3)];
            if (run._world.IsUp(controller))
            {
                run._world.Crash(controller);
            }
            else
            {
                run._world.Restart(controller);
            }

            run._world.Advance(TimeSpan.FromSeconds(1 + (int)(chance.NextUInt64() % 15)));
        }

        var tenures = run._vrm.Activations;
        Assert.True(tenures.Count > 5, $"only {tenures.Count} tenures");
        Assert.Equal(1, run._vrm.MostActiveAtOnce);
        for (var i = 1; i < tenures.Count; i++)
        {
            // A holder restarted within its own lease keeps its tenure and so its epoch; a new holder gets a higher one.
            var newHolder = tenures[i].Node != tenures[i - 1].Node;
            Assert.True(newHolder ? tenures[i].Epoch > tenures[i - 1].Epoch : tenures[i].Epoch >= tenures[i - 1].Epoch, $"{tenures[i]} after {tenures[i - 1]}");
            Assert.True(tenures[i - 1].Ended <= tenures[i].Started, $"{tenures[i]} overlaps {tenures[i - 1]}");
        }
    }

    [Fact]
    public void The_proxy_reaches_the_active_singleton_which_recovers_the_previous_holders_journal()
    {
        AddViaProxy(2);
        _world.Advance(4 * Second);
        _world.Crash("c1");
        _world.Advance(10 * Second);

        AddViaProxy(3);

        Assert.Equal([new Total(2, 1), new Total(5, 2)], Totals());
    }

    [Fact]
    public void The_proxy_drops_what_is_sent_while_no_singleton_is_active()
    {
        _world.Advance(4 * Second);
        _world.Crash("c1");
        var deadBefore = _world.DeadLetters;

        AddViaProxy(1);

        Assert.Equal(deadBefore + 1, _world.DeadLetters);
        Assert.Empty(Totals());
    }

    [Fact]
    public void The_proxy_goes_over_the_senders_link_to_the_holder_and_suffers_its_faults()
    {
        _world.Partition("h1", "c1");
        AddViaProxy(1);
        Assert.Empty(Totals());
        Assert.Equal(1, _world.Network.Dropped);

        _world.Heal();
        _world.SetFaults("h1", "c1", new LinkFaults { MinDelay = Second, MaxDelay = Second });
        AddViaProxy(1);
        Assert.Empty(Totals());
        _world.Advance(Second);
        Assert.Equal([new Total(1, 1)], Totals());
    }

    [Fact]
    public void A_singleton_that_stops_itself_ends_its_tenure_and_its_holder_takes_it_again_at_the_next_tick_as_the_old_controller_did()
    {
        var world = new SimWorld(seed: 1);
        var singleton = world.CreateSingleton("vrm", _ => new ScriptedDecider((step, input, _) =>
        {
            if (input is Ping)
            {
                step.Stop();
            }
        }));
        world.CreateNode("c1", node => singleton.RunOn(node));
        world.CreateNode("c2", node => singleton.RunOn(node));
        world.Advance(Second);

        world.Send(SimAddress.Proxy("vrm"), new Ping(1));
        world.RunUntilIdle();
        Assert.Null(singleton.ActiveNode);
        world.Advance(5 * Second);

        Assert.Equal([("c1", 1L, TimeSpan.Zero, (TimeSpan?)Second), ("c1", 1L, 3 * Second, null)],
            singleton.Activations.Select(a => (a.Node, a.Epoch, a.Started, a.Ended)));
    }
}
