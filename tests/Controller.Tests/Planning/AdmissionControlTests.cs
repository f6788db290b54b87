using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning;

public sealed class AdmissionControlTests
{
    private static readonly VmId NewVm = new("vm-new");
    private static readonly HostId Target = new("h-1");

    [Fact]
    public void Tolerating_one_failure_reserves_the_largest_host()
    {
        // 32 + 64 + 128 GB usable; the 128 GB host is the reserve, leaving 96 GB; 90 GB is in use.
        var snapshot = ThreeUnequalHostsWith(usedGb: 90);
        var policy = AdmissionControl.TolerateHostFailures(1);

        Assert.True(Check(policy, snapshot, memoryGb: 6).Admitted);
        var refused = Check(policy, snapshot, memoryGb: 7);
        Assert.False(refused.Admitted);
        Assert.Contains("largest host", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("57% CPU", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Tolerating_two_failures_reserves_the_two_largest_hosts()
    {
        var snapshot = ThreeUnequalHostsWith(usedGb: 30);
        var policy = AdmissionControl.TolerateHostFailures(2);

        Assert.True(Check(policy, snapshot, memoryGb: 2).Admitted);
        Assert.False(Check(policy, snapshot, memoryGb: 3).Admitted);
    }

    [Fact]
    public void Too_few_normal_hosts_cannot_tolerate_any_failure()
    {
        var snapshot = new ClusterBuilder().Host("h-1").Host("h-2", state: HostState.Maintenance).Build();

        var decision = Check(AdmissionControl.TolerateHostFailures(1), snapshot, memoryGb: 1);

        Assert.False(decision.Admitted);
        Assert.Contains("at least 2", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Vms_of_a_failed_host_still_count_since_they_will_need_room()
    {
        var snapshot = new ClusterBuilder().Host("h-1").Host("h-2").Host("h-3", state: HostState.Faulty)
            .Vm("lost", "h-3", ClusterBuilder.Spec(memoryMb: 60 * 1024), VmPowerState.Unknown)
            .Build();

        Assert.False(Check(AdmissionControl.TolerateHostFailures(1), snapshot, memoryGb: 5).Admitted);
        Assert.True(Check(AdmissionControl.TolerateHostFailures(1), snapshot, memoryGb: 4).Admitted);
    }

    [Fact]
    public void Reserving_a_percentage_keeps_that_share_of_memory_free()
    {
        // 4 × 64 GB = 256 GB; 25% reserved leaves 192 GB.
        var snapshot = FourHostsWith(usedGb: 180);
        var policy = AdmissionControl.ReservePercentage(cpuPercent: 0, memoryPercent: 25);

        Assert.True(Check(policy, snapshot, memoryGb: 12).Admitted);
        var refused = Check(policy, snapshot, memoryGb: 13);
        Assert.False(refused.Admitted);
        Assert.Contains("25% memory", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserving_a_percentage_keeps_that_share_of_cpu_free()
    {
        // 4 hosts × 16 vCPUs × 2000 MHz = 128,000 MHz; 50% reserved leaves 64,000 MHz.
        var snapshot = FourHostsWith(usedGb: 0);
        var policy = AdmissionControl.ReservePercentage(cpuPercent: 50, memoryPercent: 0);

        Assert.True(policy.Check(snapshot, NewVm, ClusterBuilder.Spec(cpuReservationMhz: 64_000, vcpus: 16), Target).Admitted);
        Assert.False(policy.Check(snapshot, NewVm, ClusterBuilder.Spec(cpuReservationMhz: 64_001, vcpus: 16), Target).Admitted);
    }

    [Fact]
    public void Dedicated_failover_hosts_take_no_power_ons()
    {
        var policy = AdmissionControl.DedicatedFailoverHosts([new HostId("h-9")]);
        var snapshot = FourHostsWith(usedGb: 0);

        Assert.True(policy.Check(snapshot, NewVm, ClusterBuilder.Spec(), Target).Admitted);
        var refused = policy.Check(snapshot, NewVm, ClusterBuilder.Spec(), new HostId("h-9"));
        Assert.False(refused.Admitted);
        Assert.Contains("failover", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_admission_admits_everything() =>
        Assert.True(Check(AdmissionControl.Disabled, FourHostsWith(usedGb: 256), memoryGb: 1000).Admitted);

    [Fact]
    public void Policies_refuse_nonsense_parameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AdmissionControl.TolerateHostFailures(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdmissionControl.ReservePercentage(101, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdmissionControl.ReservePercentage(0, -1));
    }

    private static AdmissionDecision Check(IAdmissionPolicy policy, ClusterSnapshot snapshot, long memoryGb) =>
        policy.Check(snapshot, NewVm, ClusterBuilder.Spec(memoryMb: memoryGb * 1024), Target);

    private static ClusterSnapshot ThreeUnequalHostsWith(long usedGb) => new ClusterBuilder()
        .Host("h-1", memoryMb: 32 * 1024, vcpus: 8)
        .Host("h-2", memoryMb: 64 * 1024, vcpus: 16)
        .Host("h-3", memoryMb: 128 * 1024, vcpus: 32)
        .Vm("used", "h-3", ClusterBuilder.Spec(memoryMb: usedGb * 1024))
        .Build();

    private static ClusterSnapshot FourHostsWith(long usedGb) => new ClusterBuilder()
        .Host("h-1").Host("h-2").Host("h-3").Host("h-9")
        .Vm("used", "h-2", ClusterBuilder.Spec(memoryMb: usedGb * 1024))
        .Build();
}
