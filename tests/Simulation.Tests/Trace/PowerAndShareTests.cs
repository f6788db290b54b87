using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

public sealed class PowerAndShareTests
{
    [Fact]
    public void Power_is_linear_between_the_specpower_points()
    {
        var g4 = PowerCurve.HpProLiantMl110G4;

        Assert.Equal(86, g4.Watts(0), 12);
        Assert.Equal(94.3, g4.Watts(0.25), 9);
        Assert.Equal(117, g4.Watts(1), 12);
        Assert.Equal(134.2, PowerCurve.HpProLiantMl110G5.Watts(0.96), 9);
        Assert.True(double.IsNaN(g4.Watts(1.02)));
    }

    [Fact]
    public void Migration_takes_ram_over_half_a_gigabit()
    {
        Assert.Equal(13.92, DataCenterSpec.PlanetLab.MigrationSeconds(870), 12);
        Assert.Equal(27.84, DataCenterSpec.PlanetLab.MigrationSeconds(1740), 12);
    }

    [Fact]
    public void Vm_types_come_in_contiguous_blocks()
    {
        var spec = DataCenterSpec.PlanetLab;

        // 10 VMs: blocks of ceil(10 / 4) = 3.
        Assert.Equal([2500, 2500, 2500, 2000, 2000, 2000, 1000, 1000, 1000, 500],
            Enumerable.Range(0, 10).Select(vm => spec.VmTypeOf(vm, 10).Mips));
        Assert.Equal(1860, spec.HostTypeOf(0).MipsPerPe);
        Assert.Equal(2660, spec.HostTypeOf(1).MipsPerPe);
    }

    [Fact]
    public void Requests_that_fit_are_granted_capped_at_one_core()
    {
        double[] requested = [500, 3000];
        var shares = new double[2];

        var left = CpuShare.Allocate([0, 1], [MigrationRole.None, MigrationRole.None], requested, 2660, 5320, shares);

        Assert.Equal([500, 2660], shares);
        Assert.Equal(5320 - 500 - 2660, left, 9);
    }

    [Fact]
    public void An_oversubscribed_host_scales_everyone_and_rounds_down()
    {
        double[] requested = [500, 600];
        var shares = new double[2];

        var left = CpuShare.Allocate([0, 1], [MigrationRole.None, MigrationRole.None], requested, 1000, 1000, shares);

        Assert.Equal([454, 545], shares);
        Assert.Equal(0, left);
    }

    [Fact]
    public void A_migrating_vm_loses_ten_percent_and_its_target_reserves_ten_percent()
    {
        double[] requested = [1000];
        var shares = new double[1];

        var sourceLeft = CpuShare.Allocate([0], [MigrationRole.Out], requested, 2000, 2000, shares);
        Assert.Equal(900, shares[0], 9);
        Assert.Equal(1000, sourceLeft, 9);

        var targetLeft = CpuShare.Allocate([0], [MigrationRole.In], requested, 2000, 2000, shares);
        Assert.Equal(100, shares[0], 9);
        Assert.Equal(1900, targetLeft, 9);
    }
}
