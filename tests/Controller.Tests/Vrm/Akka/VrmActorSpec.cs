using Cluster.Controller.Vrm;
using Cluster.Messages;
using Xunit.Abstractions;

namespace Cluster.Controller.Tests.Vrm.Akka;

/// <summary>The VRM as a persistent actor: what hosts and operators see, and failure detection on virtual time.</summary>
public sealed class VrmActorSpec(ITestOutputHelper output) : VrmActorTestKit(output)
{
    [Fact]
    public void A_host_registration_is_acknowledged_with_the_epoch_of_the_lease()
    {
        var vrm = StartVrm();
        var host = CreateTestProbe();

        vrm.Tell(Registration("h-1"), host);

        Assert.Equal(new HostRegistrationAccepted(HostId.From("h-1"), Epoch), host.ExpectMsg<HostRegistrationAccepted>());
        Assert.Equal(new LeaderInfo("ctrl-test", Epoch, true), Ask<LeaderInfo>(vrm, new GetLeader()));
    }

    [Fact]
    public void A_host_silent_for_ten_heartbeat_intervals_turns_faulty_and_a_heartbeat_brings_it_back()
    {
        var vrm = StartVrm();
        var host = CreateTestProbe();
        vrm.Tell(Registration("h-1"), host);
        host.ExpectMsg<HostRegistrationAccepted>();

        Advance(29);
        Assert.Equal(HostState.Normal, HostOf(vrm, "h-1").State);
        Advance(2);
        Assert.Equal(HostState.Faulty, HostOf(vrm, "h-1").State);

        vrm.Tell(new Heartbeat(HostId.From("h-1"), 1, 0, 0, []), host);
        Assert.Equal(HostState.Normal, HostOf(vrm, "h-1").State);
    }

    [Fact]
    public void Heartbeats_every_interval_keep_a_host_normal_past_the_detection_window()
    {
        var vrm = StartVrm();
        var host = CreateTestProbe();
        vrm.Tell(Registration("h-1"), host);
        host.ExpectMsg<HostRegistrationAccepted>();

        for (var seq = 1; seq <= 20; seq++)
        {
            Advance(3);
            vrm.Tell(new Heartbeat(HostId.From("h-1"), seq, 0, 0, []), host);
        }

        Assert.Equal(HostState.Normal, HostOf(vrm, "h-1").State);
    }
}
