using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Vrm.ClusterFixture;

namespace Cluster.Simulation.Tests.Invariants;

/// <summary>A small cluster with one VM running, and one invariant checked on it as a runner would.</summary>
internal static class InvariantFixture
{
    public static (SimulatedCluster Cluster, VmView Vm) ClusterWithRunningVm(bool haEnabled = true)
    {
        var cluster = Start(hosts: 2);
        var created = cluster.Ask<VmView>(new CreateVm(new CreateVmRequest("web-1", 2, 4096, [new VmDisk(DatastoreId.From("ds-1"), 40)], HaEnabled: haEnabled)));
        cluster.Ask<VmView>(new PowerOnVm(created.VmId));
        cluster.Advance(TimeSpan.FromSeconds(2));
        var running = cluster.Ask<VmView>(new GetVm(created.VmId));
        Assert.Equal(VmPowerState.Running, running.PowerState);
        return (cluster, running);
    }

    public static string? Check(IInvariant invariant, SimulatedCluster cluster, params AcknowledgedCommand[] acknowledged) =>
        invariant.Check(new InvariantContext(cluster, acknowledged));

    /// <summary>The violations of one invariant checked after a step and then at the end of the run.</summary>
    public static IReadOnlyList<InvariantViolation> CheckStepThenEnd(IInvariant invariant, SimulatedCluster cluster, params AcknowledgedCommand[] acknowledged)
    {
        var checks = new InvariantChecks([invariant], new InvariantContext(cluster, acknowledged));
        checks.AfterStep(cluster.Now);
        checks.AtEnd(cluster.Now);
        return checks.Violations;
    }

    public static VmSpec SpecOf(SimulatedCluster cluster, VmView vm) =>
        cluster.JournalEvents().OfType<VmCreated>().Single(e => e.VmId == vm.VmId).Spec;

    public static HostId Other(HostId host) => HostId.From(host.Value == "host-1" ? "host-2" : "host-1");
}
