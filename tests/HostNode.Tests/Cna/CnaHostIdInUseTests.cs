using Cluster.HostNode.Cna;
using Cluster.Messages;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

public sealed class CnaHostIdInUseTests
{
    [Fact]
    public void Refused_for_good_the_agent_asks_to_leave_once_with_the_controllers_reason_and_stops_registering()
    {
        var harness = new CnaHarness();
        var refusal = new HostIdInUse(Host, "akka.tcp://cluster@10.0.0.1:9121/user/cna", "host id host-1 is held by a live host node at akka.tcp://cluster@10.0.0.1:9121/user/cna");

        var refused = harness.Send(refusal, Controller1);
        var again = harness.Send(refusal, Controller1);
        var beat = harness.Send(Beat.Instance, Self);

        Assert.Equal(new LeaveForGood(refusal.Reason), Assert.Single(refused.Effects));
        Assert.Empty(again.Effects);
        Assert.Empty(beat.SentTo<HostRegister>(Controller1));
    }

    [Fact]
    public void A_refusal_to_wait_is_not_for_good_the_agent_keeps_registering()
    {
        var harness = new CnaHarness();

        var refused = harness.Send(new HostRegistrationRefused(Host, "not yet heard the node that holds it"), Controller1);
        var beat = harness.Send(Beat.Instance, Self);

        Assert.Empty(refused.Effects);
        Assert.Single(beat.SentTo<HostRegister>(Controller1));
    }
}
