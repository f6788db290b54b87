using Cluster.Controller.Planning.HaRestart;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning;

public sealed class HaRestartPlannerTests
{
    private static readonly IReadOnlySet<HostId> H1Failed = ClusterBuilder.Hosts("h-1");

    [Fact]
    public void Restarts_go_in_priority_order_then_vm_id_order()
    {
        var snapshot = FailedHostWith(
            ("c-low", RestartPriority.Low), ("b-high", RestartPriority.High), ("a-med", RestartPriority.Medium), ("a-high", RestartPriority.High))
            .Host("h-2").Build();

        var plan = Plan(snapshot, "c-low", "b-high", "a-med", "a-high");

        Assert.Equal(["a-high", "b-high", "a-med", "c-low"], plan.Restarts.Select(r => r.VmId.Value));
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void When_capacity_is_short_the_high_priority_vms_get_it()
    {
        var snapshot = FailedHostWith(("low", RestartPriority.Low), ("high", RestartPriority.High), ("med", RestartPriority.Medium))
            .Host("h-2", memoryMb: 8192).Build();

        var plan = Plan(snapshot, "low", "high", "med");

        Assert.Equal(["high", "med"], plan.Restarts.Select(r => r.VmId.Value));
        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal("low", unplaced.VmId.Value);
        Assert.Contains("InsufficientMemory on 1", unplaced.Reason, StringComparison.Ordinal);
        Assert.Contains("HostFailed on 1", unplaced.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_restarts_onto_a_failed_host_even_if_the_snapshot_still_shows_it_normal()
    {
        var snapshot = new ClusterBuilder().Host("h-1").Host("h-2").Host("h-3")
            .Vm("a", "h-1", state: VmPowerState.Unknown).Vm("b", "h-2", state: VmPowerState.Unknown)
            .Build();

        var plan = HaRestartPlanner.Plan(snapshot, ClusterBuilder.Hosts("h-1", "h-2"), [new(new VmId("a")), new(new VmId("b"))]);

        Assert.All(plan.Restarts, r => Assert.Equal(new HostId("h-3"), r.TargetHost));
    }

    [Fact]
    public void Each_placement_uses_up_capacity_for_the_next()
    {
        var snapshot = FailedHostWith(("a", RestartPriority.Medium), ("b", RestartPriority.Medium))
            .Host("h-2", memoryMb: 6144).Host("h-3", memoryMb: 6144).Build();

        var plan = Plan(snapshot, "a", "b");

        Assert.Equal(["h-2", "h-3"], plan.Restarts.Select(r => r.TargetHost.Value));
    }

    [Fact]
    public void Anti_affinity_holds_among_the_restarted_vms_and_with_the_survivors()
    {
        var snapshot = FailedHostWith(("db-2", RestartPriority.High), ("db-3", RestartPriority.High))
            .Host("h-2").Host("h-3").Host("h-4")
            .Vm("db-1", "h-3")
            .AntiAffinity("db", "db-1", "db-2", "db-3")
            .Build();

        var plan = Plan(snapshot, "db-2", "db-3");

        Assert.Equal(["h-2", "h-4"], plan.Restarts.Select(r => r.TargetHost.Value));
    }

    [Fact]
    public void Anti_affinity_leaves_a_vm_unplaced_rather_than_break_the_rule()
    {
        var snapshot = FailedHostWith(("db-1", RestartPriority.High), ("db-2", RestartPriority.High))
            .Host("h-2").AntiAffinity("db", "db-1", "db-2").Build();

        var plan = Plan(snapshot, "db-1", "db-2");

        Assert.Equal("db-1", Assert.Single(plan.Restarts).VmId.Value);
        Assert.Contains("AntiAffinityViolated", Assert.Single(plan.Unplaced).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_rules_bind_restarts_too()
    {
        var snapshot = FailedHostWith(("licensed", RestartPriority.High))
            .Host("h-2").Host("h-3").Must("licence", ["licensed"], ["h-1", "h-3"]).Build();

        Assert.Equal("h-3", Assert.Single(Plan(snapshot, "licensed").Restarts).TargetHost.Value);
    }

    [Fact]
    public void The_cpu_baseline_binds_restarts_too()
    {
        var baseline = new CpuFeatureSet("GenuineIntel", ["avx512f"]);
        var snapshot = new ClusterBuilder()
            .Host("h-1", features: new CpuFeatureSet("GenuineIntel", ["avx512f"]))
            .Host("h-2")
            .Host("h-3", features: new CpuFeatureSet("GenuineIntel", ["avx", "avx512f"]))
            .Vm("vm", "h-1", ClusterBuilder.Spec(baseline: baseline), VmPowerState.Unknown)
            .Build();

        Assert.Equal("h-3", Assert.Single(Plan(snapshot, "vm").Restarts).TargetHost.Value);
    }

    [Fact]
    public void Dedicated_failover_hosts_are_open_to_ha_and_preferred_when_asked()
    {
        var snapshot = FailedHostWith(("a", RestartPriority.High))
            .Host("h-2").Host("h-9", memoryMb: 8192).Vm("filler", "h-9", ClusterBuilder.Spec(memoryMb: 2048))
            .Build();

        var preferring = HaRestartPlanner.Plan(snapshot, H1Failed, [new(new VmId("a"))], ClusterBuilder.Hosts("h-9"));
        var plain = HaRestartPlanner.Plan(snapshot, H1Failed, [new(new VmId("a"))]);

        Assert.Equal("h-9", Assert.Single(preferring.Restarts).TargetHost.Value);
        Assert.Equal("h-2", Assert.Single(plain.Restarts).TargetHost.Value);
    }

    [Fact]
    public void Ha_uses_the_admission_reserve_but_never_overcommits()
    {
        // One 8 GB survivor: admission control tolerating a failure would refuse these power-ons,
        // HA does not ask it; but the third VM does not fit at all.
        var snapshot = FailedHostWith(("a", RestartPriority.High), ("b", RestartPriority.High), ("c", RestartPriority.High))
            .Host("h-2", memoryMb: 8192).Build();

        var plan = Plan(snapshot, "a", "b", "c");

        Assert.Equal(2, plan.Restarts.Count);
        Assert.Equal("c", Assert.Single(plan.Unplaced).VmId.Value);
    }

    [Fact]
    public void Attempt_numbers_are_carried_through_and_unknown_vms_are_reported()
    {
        var snapshot = FailedHostWith(("a", RestartPriority.High)).Host("h-2").Build();

        var plan = HaRestartPlanner.Plan(snapshot, H1Failed, [new(new VmId("a"), 3), new(new VmId("ghost"), 2)]);

        Assert.Equal(3, Assert.Single(plan.Restarts).Attempt);
        Assert.Equal(new UnplacedVm(new VmId("ghost"), 2, "VM is not in the inventory"), Assert.Single(plan.Unplaced));
    }

    private static ClusterBuilder FailedHostWith(params (string Id, RestartPriority Priority)[] vms)
    {
        var builder = new ClusterBuilder().Host("h-1", memoryMb: 1 << 20, state: HostState.Faulty);
        foreach (var (id, priority) in vms)
        {
            builder.Vm(id, "h-1", ClusterBuilder.Spec(priority: priority), VmPowerState.Unknown);
        }

        return builder;
    }

    private static RestartPlan Plan(ClusterSnapshot snapshot, params string[] vmIds) =>
        HaRestartPlanner.Plan(snapshot, H1Failed, [.. vmIds.Select(v => new RestartRequest(new VmId(v)))]);
}
