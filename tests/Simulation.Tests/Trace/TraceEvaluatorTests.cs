using System.Collections.Immutable;
using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

public sealed class TraceEvaluatorTests
{
    /// <summary>One 1000-MIPS core per host, 100 W idle to 200 W flat out; one VM type of 1000 MIPS and 625 MB (10 s to migrate).</summary>
    private static readonly DataCenterSpec TwoHosts = new(
        2,
        [new HostType("unit", 1, 1000, 4096, new PowerCurve([100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200]))],
        [new VmType(1000, 625)],
        300,
        1_000_000,
        1000);

    private static PlanetLabTrace Constant(params int[] percents) => new(
        "hand-made",
        [.. percents.Select((_, i) => $"vm{i}")],
        [.. percents.SelectMany(p => Enumerable.Repeat((byte)p, PlanetLabTrace.SamplesPerVm))]);

    [Fact]
    public void Two_hosts_one_migration_match_the_hand_computed_metrics()
    {
        // Both VMs (500 + 600 MIPS) start on host 0's 1000 MIPS; at the first round (300.1 s) VM 1
        // moves to host 1 and lands at 310.1 s; rounds follow at 600.1 and 900.1 s.
        var policy = new ScriptedPolicy([new(0, 0), new(1, 0)], [[new(1, 1)]]);

        var result = TraceEvaluator.Run(Constant(50, 60), TwoHosts, policy);

        // 300.1-310.1: host 0 gives VM 0 floor(500 x 1000/1100) = 454 and the leaving VM 1
        // floor(600 x 1000/1100 x 0.9) = 490, counted as 490 / 0.9; host 1 reserves 60.
        var host0Busy = (454 + (490 / 0.9)) / 1000;
        var watts0 = 190 + ((host0Busy - 0.9) * 100);
        var expectedWattSeconds = (watts0 * 10) + (106 * 10) + ((150 + 160) * 290) + ((150 + 160) * 300);
        Assert.Equal(expectedWattSeconds / 3_600_000, result.EnergyKwh, 12);
        // Both hosts short of demand for those 10 s, of 2 x 600 s active.
        Assert.Equal(20.0 / 1200, result.Slatah, 12);
        // VM 1 lost 600 - 490 MIPS for 10 s of 500 x 600 + 600 x 600 MIPS-seconds asked.
        Assert.Equal(110.0 * 10 / 660_000, result.Pdm, 12);
        Assert.Equal(1, result.Migrations);
        Assert.Equal(900.1, result.SimulatedSeconds, 9);
    }

    [Fact]
    public void A_vm_whose_demand_drops_to_zero_is_retired_and_its_host_goes_off()
    {
        var policy = new ScriptedPolicy([new(0, 0), new(1, 1)], []);

        var result = TraceEvaluator.Run(Constant(50, 0), TwoHosts, policy);

        // Host 1 delivers nothing from the first round on: never active, never charged.
        Assert.Equal(150.0 * 600 / 3_600_000, result.EnergyKwh, 12);
        Assert.Equal(0, result.Slatah);
        Assert.Equal(0, result.HostPowerOffs);
    }

    [Fact]
    public void A_vm_returning_to_a_host_it_left_is_reserved_there_as_incoming()
    {
        // VM 0 (500 MIPS) goes to host 1 at 300.1 s and back to host 0 at 600.1 s. Both times the
        // target reserves 10 % (50 MIPS: 105 W) and the source still carries all of it (150 W).
        var policy = new ScriptedPolicy([new(0, 0)], [[new(0, 1)], [new(0, 0)]]);

        var result = TraceEvaluator.Run(Constant(50), TwoHosts, policy);

        var migrating = (150 * 10) + (105 * 10);
        var settled = 150 * 290;
        Assert.Equal(2.0 * (migrating + settled) / 3_600_000, result.EnergyKwh, 12);
        Assert.Equal(2, result.Migrations);
    }

    [Fact]
    public void No_power_awareness_charges_every_host_full_power_for_the_whole_run()
    {
        var result = TraceEvaluator.Run(Constant(50, 60), TwoHosts, StaticPlacementPolicy.NoPowerAwareness);

        Assert.Equal(2 * 200.0 * 1000 / 3_600_000, result.EnergyKwh, 12);
        Assert.Equal(0, result.Migrations);
    }

    /// <summary>Places VMs as told, then returns the given migrations round by round.</summary>
    private sealed class ScriptedPolicy(ImmutableArray<Migration> initial, ImmutableArray<ImmutableArray<Migration>> rounds)
        : IConsolidationPolicy
    {
        private int round;

        public string Name => "scripted";

        public bool IsPowerAware => true;

        public IReadOnlyList<Migration> PlaceInitially(IDataCenterView view) => initial;

        public IReadOnlyList<Migration> Consolidate(IDataCenterView view) =>
            round < rounds.Length ? rounds[round++] : [];
    }
}
