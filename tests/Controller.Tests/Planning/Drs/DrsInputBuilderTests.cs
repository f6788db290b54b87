using Cluster.Controller.Planning.Dpm;
using Cluster.Controller.Planning.Drs;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

public sealed class DrsInputBuilderTests
{
    [Fact]
    public void A_cluster_built_from_numbers_is_balanced_and_consolidated_by_its_demand()
    {
        var input = new DrsInputBuilder()
            .AddHost("h1", cores: 2, mhzPerCore: 2660, memoryMb: 4096)
            .AddHost("h2", cores: 2, mhzPerCore: 1860, memoryMb: 4096)
            .AddVm("v1", "h1", 1, 870, cpuDemandMhz: 2000)
            .AddVm("v2", "h1", 1, 613, cpuDemandMhz: 2000)
            .AddVm("v3", null, 1, 613, cpuDemandMhz: 500)
            .Build();

        Assert.Equal(5320, input.Cluster.FindHost(new HostId("h1"))!.Capacity.CpuMhz);
        Assert.Equal(VmPowerState.Stopped, input.Cluster.FindVm(new VmId("v3"))!.PowerState);
        var move = Assert.Single(DrsPlanner.Plan(input, DrsSettings.Default with { MigrationThreshold = 5 }).Migrations);
        Assert.Equal(new HostId("h2"), move.Target);

        var idle = new DrsInputBuilder().AddHost("h1", 2, 2660, 4096).AddHost("h2", 2, 2660, 4096).AddVm("v1", "h2", 1, 870, 100).Build();
        var off = Assert.Single(DpmPlanner.Plan(idle, DpmSettings.Default with { PowerOffWindow = TimeSpan.Zero, MinHostsOn = 1 }, DpmState.Initial, DateTimeOffset.UnixEpoch).Plan.Recommendations);
        Assert.Equal((new HostId("h1"), PowerAction.PowerOff), (off.Host, off.Action));
    }
}
