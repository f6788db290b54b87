using Cluster.Controller.Vrm;
using Cluster.Messages;
using Xunit.Abstractions;

namespace Cluster.Controller.Tests.Vrm.Akka;

/// <summary>HA through the actor: a faulty host's VM is restarted elsewhere once its storage lease reads free (the effect runner).</summary>
public sealed class VrmActorHaSpec(ITestOutputHelper output) : VrmActorTestKit(output)
{
    private static readonly DatastoreId Ds1 = DatastoreId.From("ds-1");

    [Fact]
    public void A_VM_of_a_host_that_turns_faulty_is_restarted_on_the_other_host_under_a_new_incarnation_and_the_epoch()
    {
        var vrm = StartVrm();
        var h1 = CreateTestProbe();
        var h2 = CreateTestProbe();
        vrm.Tell(Registration("h-1"), h1);
        vrm.Tell(Registration("h-2"), h2);
        h1.ExpectMsg<HostRegistrationAccepted>();
        h2.ExpectMsg<HostRegistrationAccepted>();
        Ask<DatastoreId>(vrm, new AddDatastore(Ds1, "ds-1", 10_000));
        var vm = Ask<VmView>(vrm, new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(Ds1, 40)])));
        var placed = Ask<VmView>(vrm, new PowerOnVm(vm.VmId));

        // Placement chose a host; the start command goes to that host's probe (asked, not raced on a queue).
        var (running, survivor) = placed.Host == HostId.From("h-1") ? (h1, h2) : (h2, h1);
        var (runningId, survivorId) = running == h1 ? ("h-1", "h-2") : ("h-2", "h-1");
        var first = running.ExpectMsg<StartVm>();
        vrm.Tell(new Heartbeat(HostId.From(runningId), 1, 0, 0, [new VmRuntimeReport(vm.VmId, VmPowerState.Running, first.Incarnation)]), running);

        for (var seq = 1; seq <= 11; seq++)
        {
            Advance(3);
            vrm.Tell(new Heartbeat(HostId.From(survivorId), seq, 0, 0, []), survivor);

            // Handled before virtual time moves on: a loaded machine must not make the survivor look silent too.
            Ask<HeartbeatCount>(vrm, new GetHeartbeatCount());
        }

        var restart = (StartVm)survivor.FishForMessage(m => m is StartVm, TimeSpan.FromSeconds(10));
        Assert.Equal((vm.VmId, Epoch), (restart.VmId, restart.Epoch));
        Assert.True(restart.Incarnation > first.Incarnation);
        Assert.Equal(HostState.Faulty, HostOf(vrm, runningId).State);
        Assert.Equal(HostId.From(survivorId), Ask<VmView>(vrm, new GetVm(vm.VmId)).Host);
    }
}
