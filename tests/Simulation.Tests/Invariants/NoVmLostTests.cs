using Cluster.Controller.FailureDetection;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class NoVmLostTests
{
    [Fact]
    public void A_crashed_guest_the_vrm_notices_holds()
    {
        var (cluster, vm) = ClusterWithRunningVm(haEnabled: false);
        var invariant = new NoVmLost();
        cluster.CrashGuest(vm.Host!.Value, vm.VmId);

        Assert.All(EverySecondFor(cluster, invariant, seconds: 90), Assert.Null);
        Assert.Equal(VmPowerState.Crashed, cluster.Ask<VmView>(new GetVm(vm.VmId)).PowerState);
    }

    [Fact]
    public void A_vm_gone_from_a_host_the_vrm_still_thinks_normal_is_reported_once_past_the_bound()
    {
        // A failure detector that waits ten minutes keeps a silent host Normal: the VM it lost stays Running in the journal.
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Hosts = [SimulatedHostSpec.Standard("host-1", "ds-1"), SimulatedHostSpec.Standard("host-2", "ds-1")],
            Datastores = ["ds-1"],
            Vrm = new VrmSettings { FailureDetector = new FailureDetectorOptions { MissedHeartbeats = new MissedHeartbeatsOptions { MaxMissed = 200 } } },
        });
        cluster.Advance(TimeSpan.FromSeconds(10));
        cluster.Ask<object>(new AddDatastore(DatastoreId.From("ds-1"), "ds-1", 10_000));
        var vm = cluster.Ask<VmView>(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)], HaEnabled: false)));
        cluster.Ask<VmView>(new PowerOnVm(vm.VmId));
        cluster.Advance(TimeSpan.FromSeconds(2));
        var host = cluster.Ask<VmView>(new GetVm(vm.VmId)).Host!.Value;
        var invariant = new NoVmLost();
        cluster.PartitionManagement(host);
        cluster.Hypervisor(host).KillIncarnation(vm.VmId, 1);

        var violations = EverySecondFor(cluster, invariant, seconds: 90).OfType<string>().ToList();

        var violation = Assert.Single(violations);
        Assert.StartsWith($"web-1 has been Running on {host} #1 in the journal since", violation);
        Assert.EndsWith($"but {host} does not run it", violation);
    }

    [Fact]
    public void A_migrating_vm_is_left_to_its_saga()
    {
        var (cluster, vm) = ClusterWithRunningVm();
        var invariant = new NoVmLost();
        cluster.Guests.SetDirtyRate(vm.VmId, 200_000);
        cluster.Ask<object>(new MigrateVm(vm.VmId, null));

        Assert.All(EverySecondFor(cluster, invariant, seconds: 120), Assert.Null);
    }

    private static List<string?> EverySecondFor(SimulatedCluster cluster, IInvariant invariant, int seconds)
    {
        var results = new List<string?>();
        for (var i = 0; i < seconds; i++)
        {
            cluster.Advance(TimeSpan.FromSeconds(1));
            results.Add(Check(invariant, cluster));
        }

        return results;
    }
}
