using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

/// <summary>Each DRS setting's effect, on hosts of 32,000 MHz and 64 GB (load = CPU demand / 32,000 here).</summary>
public sealed class DrsPlannerTests
{
    private static readonly DrsSettings Threshold5 = DrsSettings.Default with { MigrationThreshold = 5 };

    /// <summary>h1 at 0.5625 and h2 at 0.4375: a standard deviation of 0.0625, tolerated at threshold 3 but not at 5.</summary>
    private static DrsScenario SlightlyImbalanced()
    {
        var scenario = new DrsScenario().Host("h1").Host("h2");
        for (var i = 0; i < 9; i++)
        {
            scenario.Vm($"a{i}", "h1", 2000);
        }

        for (var i = 0; i < 7; i++)
        {
            scenario.Vm($"b{i}", "h2", 2000);
        }

        return scenario;
    }

    [Fact]
    public void Threshold_1_makes_no_balancing_move_and_threshold_5_balances_a_small_imbalance()
    {
        var input = SlightlyImbalanced().Build();

        var conservative = DrsPlanner.Plan(input, DrsSettings.Default with { MigrationThreshold = 1 });
        var moderate = DrsPlanner.Plan(input, DrsSettings.Default with { MigrationThreshold = 3 });
        var aggressive = DrsPlanner.Plan(input, Threshold5);

        Assert.Empty(conservative.Migrations);
        Assert.Empty(moderate.Migrations);
        var move = Assert.Single(aggressive.Migrations);
        Assert.Equal((new HostId("h1"), new HostId("h2"), MigrationReason.Imbalance), (move.Source, move.Target, move.Reason));
        Assert.Equal(0.0625, aggressive.ImbalanceBefore, 6);
        Assert.Equal(0, aggressive.ImbalanceAfter, 6);
        Assert.Contains("imbalance 0.063 -> 0", move.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_1_still_fixes_a_broken_must_rule()
    {
        var input = new DrsScenario().Host("h1").Host("h2").Vm("db", "h1", 1000)
            .HostGroup("licensed", "h2").VmGroup("oracle", "db").VmHost("oracle-licensed", VmHostRuleKind.MustRunOn, "oracle", "licensed")
            .Build();

        var plan = DrsPlanner.Plan(input, DrsSettings.Default with { MigrationThreshold = 1 });

        var move = Assert.Single(plan.Migrations);
        Assert.Equal((new VmId("db"), new HostId("h2"), MigrationReason.MustRuleViolation), (move.Vm, move.Target, move.Reason));
        Assert.Equal("must rule oracle-licensed does not allow h1", move.Detail);
    }

    [Theory]
    [InlineData(DrsAutomationLevel.Manual, false)]
    [InlineData(DrsAutomationLevel.PartiallyAutomated, false)]
    [InlineData(DrsAutomationLevel.FullyAutomated, true)]
    public void Only_full_automation_applies_migrations(DrsAutomationLevel level, bool applied)
    {
        var plan = DrsPlanner.Plan(SlightlyImbalanced().Build(), Threshold5 with { AutomationLevel = level });

        Assert.Equal(applied, Assert.Single(plan.Migrations).Automatic);
    }

    /// <summary>h1 runs a pinned 6000 MHz VM and the mover (2000 MHz); h2 is empty. Moving the mover halves the imbalance.</summary>
    private static DrsInput OneCandidateMove(long moverMemoryMb, double dirtyRate) => new DrsScenario().Host("h1").Host("h2")
        .Vm("pinned", "h1", 6000)
        .Vm("mover", "h1", 2000, memoryMb: moverMemoryMb, dirtyMbPerSecond: dirtyRate)
        .HostGroup("one", "h1").VmGroup("stays", "pinned").VmHost("pin", VmHostRuleKind.MustRunOn, "stays", "one")
        .Build();

    [Fact]
    public void Cost_benefit_refuses_to_move_a_huge_dirty_vm_for_the_gain_it_accepts_from_a_small_clean_one()
    {
        var settings = Threshold5 with { BalanceMemory = false };

        var small = DrsPlanner.Plan(OneCandidateMove(4096, 0), settings);
        var huge = DrsPlanner.Plan(OneCandidateMove(60_000, 2000), settings);

        var move = Assert.Single(small.Migrations);
        Assert.True(move.Benefit > move.Cost, $"{move.Benefit} vs {move.Cost}");
        Assert.Empty(huge.Migrations);
        Assert.Equal(huge.ImbalanceBefore, huge.ImbalanceAfter);
    }

    [Fact]
    public void Bursty_demand_shortens_the_expected_benefit()
    {
        var steady = new DrsScenario().Host("h1").Host("h2").Vm("a", "h1", 8000, history: [8000, 8000, 8000]).Vm("b", "h1", 8000, history: [8000, 8000]).Build();
        var bursty = new DrsScenario().Host("h1").Host("h2").Vm("a", "h1", 8000, history: [100, 16_000, 100, 16_000]).Vm("b", "h1", 8000, history: [100, 16_000]).Build();

        var steadyMove = Assert.Single(DrsPlanner.Plan(steady, Threshold5).Migrations);
        var burstyMove = Assert.Single(DrsPlanner.Plan(bursty, Threshold5).Migrations);

        Assert.True(burstyMove.Benefit < steadyMove.Benefit * 0.6, $"{burstyMove.Benefit} vs {steadyMove.Benefit}");
    }

    [Fact]
    public void Migrations_stay_within_the_per_host_and_cluster_limits_counting_running_ones()
    {
        var scenario = new DrsScenario().Host("h1").Host("h2").Host("h3").Host("h4");
        for (var i = 0; i < 8; i++)
        {
            scenario.Vm($"v{i}", "h1", 4000);
        }

        var perHost = DrsPlanner.Plan(scenario.Build(), Threshold5 with { MaxConcurrentMigrationsPerHost = 2 });
        var withRunning = DrsPlanner.Plan(scenario.Migrating("v0", "h1", "h2").Build(), Threshold5 with { MaxConcurrentMigrationsPerHost = 2 });
        var perCluster = DrsPlanner.Plan(new DrsScenario().Host("h1").Host("h2").Host("h3").Host("h4").Vm("x", "h1", 8000).Vm("y", "h1", 8000).Vm("z", "h2", 8000).Vm("w", "h2", 8000).Build(), Threshold5 with { MaxConcurrentMigrationsPerCluster = 1 });

        Assert.Equal(2, perHost.Migrations.Count);
        Assert.DoesNotContain(withRunning.Migrations, m => m.Vm == new VmId("v0"));
        Assert.Single(withRunning.Migrations);
        Assert.Single(perCluster.Migrations);
    }

    [Fact]
    public void Load_is_demand_capped_by_the_limit_and_raised_to_the_reservation()
    {
        DrsInput Build(long? limit, long reservation) => new DrsScenario().Host("h1").Host("h2")
            .Vm("greedy", "h1", 16_000, spec: ClusterBuilder.Spec() with { CpuQos = QosSpec.Default with { Limit = limit } })
            .Vm("small", "h1", 1000)
            .Vm("idle", "h2", 0, spec: ClusterBuilder.Spec(cpuReservationMhz: reservation))
            .Build();

        Assert.NotEmpty(DrsPlanner.Plan(Build(null, 0), Threshold5).Migrations);
        Assert.Empty(DrsPlanner.Plan(Build(1000, 2000), Threshold5).Migrations); // h1 counts 2000, h2 counts 2000
    }

    [Fact]
    public void Broken_anti_affinity_is_fixed_and_a_split_affinity_group_reunited()
    {
        var input = new DrsScenario().Host("h1").Host("h2").Host("h3")
            .Vm("r1", "h1", 100).Vm("r2", "h1", 100).Apart("replicas", "r1", "r2")
            .Vm("app", "h2", 100).Vm("cache", "h3", 100).Vm("cache-2", "h3", 100).Together("tier", "app", "cache", "cache-2")
            .Build();

        var plan = DrsPlanner.Plan(input, DrsSettings.Default with { MigrationThreshold = 1 });

        Assert.Contains(plan.Migrations, m => m.Vm.Value.StartsWith('r') && m.Detail.Contains("anti-affinity rule replicas", StringComparison.Ordinal));
        var join = Assert.Single(plan.Migrations, m => m.Vm == new VmId("app"));
        Assert.Equal(new HostId("h3"), join.Target);
        Assert.Equal(MigrationReason.MustRuleViolation, join.Reason);
    }

    [Fact]
    public void An_affinity_group_moves_as_one_unit()
    {
        var input = new DrsScenario().Host("h1").Host("h2")
            .Vm("a", "h1", 4000).Vm("b", "h1", 4000).Together("pair", "a", "b").Vm("c", "h1", 4000).Vm("d", "h1", 4000)
            .Build();

        var plan = DrsPlanner.Plan(input, Threshold5);

        var moved = plan.Migrations.Select(m => m.Vm.Value).ToHashSet();
        Assert.NotEmpty(moved);
        Assert.Equal(moved.Contains("a"), moved.Contains("b"));
    }

    [Fact]
    public void A_broken_should_rule_is_fixed_from_threshold_2_and_balancing_never_breaks_one()
    {
        var misplaced = new DrsScenario().Host("h1").Host("h2").Vm("web", "h1", 100)
            .HostGroup("dmz", "h2").VmGroup("front", "web").VmHost("front-in-dmz", VmHostRuleKind.ShouldRunOn, "front", "dmz").Build();
        var hot = new DrsScenario().Host("h1").Host("h2").Vm("w1", "h1", 12_000).Vm("w2", "h1", 12_000)
            .HostGroup("dmz", "h1").VmGroup("front", "w1", "w2").VmHost("front-in-dmz", VmHostRuleKind.ShouldRunOn, "front", "dmz").Build();

        Assert.Empty(DrsPlanner.Plan(misplaced, DrsSettings.Default with { MigrationThreshold = 1 }).Migrations);
        Assert.Equal(MigrationReason.ShouldRuleViolation, Assert.Single(DrsPlanner.Plan(misplaced, DrsSettings.Default with { MigrationThreshold = 2 }).Migrations).Reason);
        var plan = DrsPlanner.Plan(hot, Threshold5);
        Assert.Empty(plan.Migrations);
        Assert.Empty(plan.Bends);
    }

    [Fact]
    public void Balancing_moves_only_to_hosts_with_the_cpu_baseline_the_datastores_and_a_numa_node_it_fits()
    {
        var numa = ClusterBuilder.Spec(memoryMb: 40_000, baseline: ClusterBuilder.Intel) with { RequiresNumaFit = true };
        var scenario = new DrsScenario().Host("h1")
            .Host("amd", features: new CpuFeatureSet("AuthenticAMD", ["sse4_2", "avx", "avx2"]))
            .Host("no-ds", datastores: ["ds-9"])
            .Host("two-nodes", sockets: 2)
            .Host("ok");
        for (var i = 0; i < 4; i++)
        {
            scenario.Vm($"v{i}", "h1", 6000, spec: ClusterBuilder.Spec(baseline: ClusterBuilder.Intel));
        }

        scenario.Vm("wide", "h1", 6000, spec: numa);

        var plan = DrsPlanner.Plan(scenario.Build(), Threshold5 with { BalanceMemory = false });

        Assert.NotEmpty(plan.Migrations);
        Assert.All(plan.Migrations, m => Assert.Contains(m.Target.Value, new[] { "two-nodes", "ok" }));
        Assert.DoesNotContain(plan.Migrations, m => m.Vm == new VmId("wide") && m.Target == new HostId("two-nodes"));
    }

    [Fact]
    public void The_memory_overcommit_ratio_bounds_what_a_target_may_take()
    {
        var scenario = new DrsScenario().Host("h1", memoryMb: 131_072).Host("h2", memoryMb: 16_384);
        for (var i = 0; i < 8; i++)
        {
            scenario.Vm($"v{i}", "h1", 4000, memoryMb: 8192);
        }

        var input = scenario.Build();
        var settings = Threshold5 with { BalanceMemory = false };

        Assert.Equal(2, DrsPlanner.Plan(input, settings).Migrations.Count);
        Assert.Equal(4, DrsPlanner.Plan(input, settings with { MemoryOvercommitRatio = 2 }).Migrations.Count);
    }

    [Fact]
    public void Unavailable_hosts_are_neither_sources_nor_targets()
    {
        var input = new DrsScenario().Host("h1").Host("h2").Host("h3").Vm("a", "h1", 12_000).Vm("b", "h1", 12_000).Vm("c", "h3", 30_000)
            .Unavailable("h2").Build();

        Assert.Empty(DrsPlanner.Plan(input, Threshold5).Migrations);
    }

    [Fact]
    public void One_overloaded_host_among_many_is_relieved_though_the_imbalance_is_tolerated()
    {
        // 30 hosts at 0.6 and h-hot at 1.05: the standard deviation is 0.08, under threshold 3's 0.1.
        var scenario = new DrsScenario().Host("h-hot").Vm("hot-1", "h-hot", 11_200).Vm("hot-2", "h-hot", 11_200).Vm("hot-3", "h-hot", 11_200);
        for (var h = 0; h < 30; h++)
        {
            scenario.Host($"h{h:D2}").Vm($"a{h:D2}", $"h{h:D2}", 9600).Vm($"b{h:D2}", $"h{h:D2}", 9600);
        }

        var input = scenario.Build();

        var relieved = DrsPlanner.Plan(input, DrsSettings.Default);
        var untouched = DrsPlanner.Plan(input, DrsSettings.Default with { OverloadedHostLoad = double.PositiveInfinity });

        Assert.True(relieved.ImbalanceBefore < relieved.ToleratedImbalance);
        var move = Assert.Single(relieved.Migrations);
        Assert.Equal(new HostId("h-hot"), move.Source);
        Assert.StartsWith("relieves h-hot above load 1", move.Detail, StringComparison.Ordinal);
        Assert.Empty(untouched.Migrations);
    }
}
