using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Dpm;
using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Evacuation;
using Cluster.Controller.Planning.Snapshot;
using Cluster.Messages;
using CsCheck;

namespace Cluster.Controller.Tests.Planning.Drs;

/// <summary>
/// Properties over random clusters and rule sets (CsCheck draws the seeds; a failure prints the seed,
/// and <see cref="RandomDrsCluster.Generate"/> rebuilds the case from it). One thread, so the run
/// stays a few seconds on a shared machine and the counters below are exact.
/// </summary>
public sealed class PlannerPropertyTests
{
    private const int Iterations = 400;

    [Fact]
    public void Drs_plans_keep_every_must_rule_constraint_and_concurrency_limit()
    {
        var migrations = 0;
        var balancing = 0;
        Gen.ULong.Sample(
            seed =>
            {
                var (input, settings) = RandomDrsCluster.Generate(seed);
                var plan = DrsPlanner.Plan(input, settings);
                var problems = PlanChecker.Problems(input, settings, plan.Migrations, plan.Bends, checkConcurrency: true);
                Assert.True(problems.Count == 0, $"seed {seed}: {string.Join("; ", problems)}");
                Assert.All(plan.Migrations, m => Assert.Equal(settings.AutomationLevel == DrsAutomationLevel.FullyAutomated, m.Automatic));
                Assert.All(plan.Migrations, m => Assert.False(string.IsNullOrEmpty(m.Detail)));
                migrations += plan.Migrations.Count;
                balancing += plan.Migrations.Count(m => m.Reason == MigrationReason.Imbalance);
            },
            iter: Iterations,
            threads: 1,
            print: seed => $"seed {seed}");

        // The generator must make DRS work, or the property proves little.
        Assert.True(migrations > 100, $"only {migrations} migrations planned");
        Assert.True(balancing > 30, $"only {balancing} balancing migrations planned");
    }

    [Fact]
    public void Evacuation_empties_the_host_keeping_must_rules_or_names_each_vm_that_cannot_leave()
    {
        var emptied = 0;
        var blocked = 0;
        Gen.ULong.Sample(
            seed =>
            {
                var (input, settings) = RandomDrsCluster.Generate(seed);
                var host = input.Cluster.Hosts[(int)(seed % (ulong)input.Cluster.Hosts.Count)].Id;
                var plan = EvacuationPlanner.Evacuate(input, host, settings);
                var problems = PlanChecker.Problems(input, settings, plan.Migrations, plan.Bends, checkConcurrency: false);
                Assert.True(problems.Count == 0, $"seed {seed}: {string.Join("; ", problems)}");
                Assert.DoesNotContain(plan.Migrations, m => m.Target == host);
                var onHost = input.Cluster.Vms.Where(v => v.HoldsResources && v.Host == host).Select(v => v.Id).ToHashSet();
                var leaving = plan.Migrations.Select(m => m.Vm).ToHashSet();
                if (plan.CanEvacuate)
                {
                    Assert.True(onHost.SetEquals(leaving), $"seed {seed}: {host} keeps {string.Join(", ", onHost.Except(leaving))}");
                    emptied += onHost.Count > 0 ? 1 : 0;
                }
                else
                {
                    Assert.All(plan.Blockers, b => Assert.Contains(b.Vm, onHost));
                    Assert.All(onHost.Except(leaving), vm => Assert.Contains(plan.Blockers, b => b.Vm == vm || b.Reason.Contains(vm.Value, StringComparison.Ordinal)));
                    blocked++;
                }
            },
            iter: Iterations,
            threads: 1,
            print: seed => $"seed {seed}");

        Assert.True(emptied > 30 && blocked > 30, $"emptied {emptied}, blocked {blocked}");
    }

    [Fact]
    public void Dpm_powers_off_only_hosts_whose_vms_fit_elsewhere_under_the_admission_policy()
    {
        var powerOffs = 0;
        Gen.ULong.Sample(
            seed =>
            {
                var (input, constraints) = RandomDrsCluster.Generate(seed);
                var random = new SplitMix64(seed ^ 0x5EED);
                IAdmissionPolicy[] policies = [AdmissionControl.Disabled, AdmissionControl.TolerateHostFailures(1), AdmissionControl.ReservePercentage(25, 25)];
                var settings = DpmSettings.Default with
                {
                    PowerOffWindow = TimeSpan.Zero,
                    MinHostsOn = random.Between(1, 3),
                    TargetUtilisation = random.Pick([0.3, 0.63, 0.9]),
                    Admission = random.Pick(policies),
                    Constraints = constraints,
                };
                var now = DateTimeOffset.UnixEpoch;
                var admittedBefore = Probe(settings.Admission, input.Cluster);
                var result = DpmPlanner.Plan(input, settings, DpmState.Initial, now);
                var offs = result.Plan.Recommendations.Where(r => r.Action == PowerAction.PowerOff).ToList();
                var off = offs.Select(r => r.Host).ToHashSet();
                var evacuation = offs.SelectMany(r => r.Evacuation).ToList();
                var problems = PlanChecker.Problems(input, constraints, evacuation, [], checkConcurrency: false);
                Assert.True(problems.Count == 0, $"seed {seed}: {string.Join("; ", problems)}");
                Assert.DoesNotContain(evacuation, m => off.Contains(m.Target));
                foreach (var r in offs)
                {
                    var onHost = input.Cluster.Vms.Where(v => v.HoldsResources && v.Host == r.Host).Select(v => v.Id).ToHashSet();
                    Assert.True(onHost.SetEquals(r.Evacuation.Select(m => m.Vm)), $"seed {seed}: {r.Host} is powered off with VMs left");
                }

                if (offs.Count > 0)
                {
                    var moved = evacuation.ToDictionary(m => m.Vm, m => m.Target);
                    var after = new ClusterSnapshot(
                        input.Cluster.Hosts.Select(h => off.Contains(h.Id) ? h with { State = HostState.PoweredOff } : h),
                        input.Cluster.Vms.Select(v => moved.TryGetValue(v.Id, out var to) ? v with { Host = to } : v));
                    Assert.True(admittedBefore && Probe(settings.Admission, after), $"seed {seed}: power-off breaks {settings.Admission.Description}");
                    var on = after.Hosts.Count(h => h.State == HostState.Normal && !input.UnavailableHosts.Contains(h.Id));
                    Assert.True(on >= settings.MinHostsOn, $"seed {seed}: {on} hosts left on");
                }

                powerOffs += offs.Count;
            },
            iter: Iterations,
            threads: 1,
            print: seed => $"seed {seed}");

        Assert.True(powerOffs > 50, $"only {powerOffs} power-offs planned");
    }

    /// <summary>Does the policy keep its reserve in this snapshot: would it admit a VM needing nothing on some Normal host?</summary>
    private static bool Probe(IAdmissionPolicy policy, ClusterSnapshot snapshot)
    {
        var spec = ClusterBuilder.Spec(memoryMb: 0) with { Disks = [] };
        return snapshot.Hosts.Where(h => h.State == HostState.Normal).Any(h => policy.Check(snapshot, new VmId("probe"), spec, h.Id).Admitted);
    }
}
