using Cluster.TestKit;

namespace Cluster.Actors.Tests.Kernel;

public sealed class ReceiveTimeoutTests
{
    private sealed record Quiet : INotInfluenceReceiveTimeout;

    private sealed class Idler(ActorRef probe) : ActorBase
    {
        protected override void PreStart() => Context.SetReceiveTimeout(TimeSpan.FromSeconds(10));

        protected override void OnReceive(object message)
        {
            if (message is "off")
            {
                Context.SetReceiveTimeout(null);
                return;
            }

            if (message is ReceiveTimeout or "ping")
            {
                probe.Tell(message);
            }
        }
    }

    [Fact]
    public void Receive_timeout_fires_after_the_idle_period()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        kit.System.ActorOf(Props.Create(() => new Idler(probe.Ref)));

        probe.Within(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), () => probe.ExpectMsg<ReceiveTimeout>(within: TimeSpan.FromSeconds(11)));
    }

    [Fact]
    public void Messages_reset_the_receive_timeout_but_marked_ones_do_not()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var idler = kit.System.ActorOf(Props.Create(() => new Idler(probe.Ref)));
        kit.Advance(TimeSpan.FromSeconds(8));
        idler.Tell("ping");
        probe.ExpectMsg<string>();
        probe.ExpectNoMsg(TimeSpan.FromSeconds(9.5));
        probe.ExpectMsg<ReceiveTimeout>(within: TimeSpan.FromSeconds(1));

        idler.Tell(new Quiet());
        kit.Advance(TimeSpan.FromSeconds(9));
        idler.Tell(new Quiet());
        probe.ExpectMsg<ReceiveTimeout>(within: TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public void Turning_the_receive_timeout_off_stops_it()
    {
        var kit = new DeterministicTestKit();
        var probe = kit.CreateProbe();
        var idler = kit.System.ActorOf(Props.Create(() => new Idler(probe.Ref)));
        idler.Tell("off");

        probe.ExpectNoMsg(TimeSpan.FromMinutes(1));
    }
}
