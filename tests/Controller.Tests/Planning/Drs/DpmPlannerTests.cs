using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.Dpm;
using Cluster.Controller.Planning.Drs;
using Cluster.Controller.Planning.Rules;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Planning.Drs;

/// <summary>DPM's band, windows, latencies, minimum and admission policy, on hosts of 32,000 MHz (load = CPU demand / 32,000).</summary>
public sealed class DpmPlannerTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    /// <summary>Three hosts at 20 %, 50 % and 50 %: only h1 is below the band, and its VM fits on h2 within it.</summary>
    private static DrsScenario Quiet() => new DrsScenario().Host("h1").Host("h2").Host("h3")
        .Vm("a", "h1", 6400).Vm("b", "h2", 16_000).Vm("c", "h3", 16_000);

    [Fact]
    public void A_host_is_powered_off_only_after_staying_below_the_band_for_the_window()
    {
        var input = Quiet().Build();
        var settings = DpmSettings.Default;

        var first = DpmPlanner.Plan(input, settings, DpmState.Initial, T0);
        var before = DpmPlanner.Plan(input, settings, first.State, T0 + TimeSpan.FromMinutes(39));
        var after = DpmPlanner.Plan(input, settings, before.State, T0 + TimeSpan.FromMinutes(40));

        Assert.Empty(first.Plan.Recommendations);
        Assert.Equal(T0, first.State.BelowBandSince[new HostId("h1")]);
        Assert.Empty(before.Plan.Recommendations);
        var off = Assert.Single(after.Plan.Recommendations);
        Assert.Equal((new HostId("h1"), PowerAction.PowerOff, PowerReason.LowUtilisation), (off.Host, off.Action, off.Reason));
        var move = Assert.Single(off.Evacuation);
        Assert.Equal((new VmId("a"), MigrationReason.PowerOff), (move.Vm, move.Reason));
    }

    [Fact]
    public void Rising_into_the_band_restarts_the_power_off_window()
    {
        var quiet = Quiet().Build();
        var busy = new DrsScenario().Host("h1").Host("h2").Host("h3").Vm("a", "h1", 19_200).Vm("b", "h2", 16_000).Vm("c", "h3", 16_000).Build();
        var settings = DpmSettings.Default;

        var s1 = DpmPlanner.Plan(quiet, settings, DpmState.Initial, T0).State;
        var s2 = DpmPlanner.Plan(busy, settings, s1, T0 + TimeSpan.FromMinutes(20)).State;
        var s3 = DpmPlanner.Plan(quiet, settings, s2, T0 + TimeSpan.FromMinutes(30)).State;
        var late = DpmPlanner.Plan(quiet, settings, s3, T0 + TimeSpan.FromMinutes(45));

        Assert.False(s2.BelowBandSince.ContainsKey(new HostId("h1")));
        Assert.Empty(late.Plan.Recommendations);
        Assert.Single(DpmPlanner.Plan(quiet, settings, s3, T0 + TimeSpan.FromMinutes(70)).Plan.Recommendations);
    }

    [Fact]
    public void A_power_off_is_refused_when_a_target_would_leave_the_band()
    {
        // h3's one VM (44 %) would push h1 or h2 (40 % each, their VMs pinned there) to 84 %, above 81 %,
        // though the average of the two would stay at 62 %, under the target.
        var input = new DrsScenario().Host("h1").Host("h2").Host("h3").Vm("a", "h1", 12_800).Vm("b", "h2", 12_800).Vm("big", "h3", 14_080)
            .HostGroup("first", "h1").HostGroup("second", "h2").VmGroup("ga", "a").VmGroup("gb", "b")
            .VmHost("a-home", VmHostRuleKind.MustRunOn, "ga", "first")
            .VmHost("b-home", VmHostRuleKind.MustRunOn, "gb", "second")
            .Build();

        var result = DpmPlanner.Plan(input, DpmSettings.Default with { PowerOffWindow = TimeSpan.Zero }, DpmState.Initial, T0);

        Assert.True(result.Plan.Recommendations.Count == 0, string.Join(" | ", result.Plan.KeptOn));
        Assert.Contains(result.Plan.KeptOn, k => k.StartsWith("h1: a: no host can take a: MustRule", StringComparison.Ordinal));
        Assert.True(result.Plan.KeptOn.Any(k => k == "h3: big: 2 host(s) could take big but would rise above load 0.81"), string.Join(" | ", result.Plan.KeptOn));
    }

    [Fact]
    public void The_minimum_number_of_hosts_stays_on()
    {
        var idle = new DrsScenario().Host("h1").Host("h2").Host("h3").Vm("a", "h1", 100).Build();
        var settings = DpmSettings.Default with { PowerOffWindow = TimeSpan.Zero };

        Assert.Single(DpmPlanner.Plan(idle, settings with { MinHostsOn = 2 }, DpmState.Initial, T0).Plan.Recommendations);
        Assert.Empty(DpmPlanner.Plan(idle, settings with { MinHostsOn = 3 }, DpmState.Initial, T0).Plan.Recommendations);
        var tooFew = new DrsScenario().Host("h1").Host("h2", state: HostState.PoweredOff).Host("h3", state: HostState.PoweredOff).Build();
        var woken = DpmPlanner.Plan(tooFew, settings with { MinHostsOn = 3 }, DpmState.Initial, T0).Plan.Recommendations;
        Assert.Equal(2, woken.Count);
        Assert.All(woken, r => Assert.Equal((PowerAction.PowerOn, PowerReason.MinimumHostsOn), (r.Action, r.Reason)));
    }

    [Fact]
    public void Demand_above_the_band_powers_a_host_on_after_the_window_and_it_is_no_target_until_up()
    {
        var hot = new DrsScenario().Host("h1").Host("h2").Host("standby", state: HostState.PoweredOff)
            .Vm("a", "h1", 28_000).Vm("b", "h2", 20_000).Build();
        var settings = DpmSettings.Default with { PowerOnWindow = TimeSpan.FromMinutes(5), PowerOnLatency = TimeSpan.FromMinutes(3) };

        var first = DpmPlanner.Plan(hot, settings, DpmState.Initial, T0);
        var second = DpmPlanner.Plan(hot, settings, first.State, T0 + TimeSpan.FromMinutes(5));
        var third = DpmPlanner.Plan(hot, settings, second.State, T0 + TimeSpan.FromMinutes(6));

        Assert.Empty(first.Plan.Recommendations);
        var on = Assert.Single(second.Plan.Recommendations);
        Assert.Equal((new HostId("standby"), PowerAction.PowerOn, PowerReason.DemandAboveBand), (on.Host, on.Action, on.Reason));
        Assert.Equal(T0 + TimeSpan.FromMinutes(8), on.ReadyAt);
        Assert.Empty(third.Plan.Recommendations); // still coming up: not asked for again
        Assert.Contains(new HostId("standby"), third.State.HostsInTransition(T0 + TimeSpan.FromMinutes(6)));
        Assert.DoesNotContain(new HostId("standby"), third.State.HostsInTransition(T0 + TimeSpan.FromMinutes(8)));
    }

    [Fact]
    public void A_host_powering_on_takes_no_evacuated_vm_and_the_power_off_latency_counts_the_evacuation()
    {
        var input = new DrsScenario().Host("h1").Host("h2").Host("h3").Vm("a", "h1", 100, memoryMb: 12_500).Vm("b", "h2", 12_800).Build();
        var state = DpmState.Initial with { InFlight = [new PowerOperation(new HostId("h3"), PowerAction.PowerOn, T0, T0 + TimeSpan.FromMinutes(4))] };
        var settings = DpmSettings.Default with { PowerOffWindow = TimeSpan.Zero, MinHostsOn = 1, PowerOffLatency = TimeSpan.FromMinutes(2) };

        var result = DpmPlanner.Plan(input, settings, state, T0 + TimeSpan.FromMinutes(1));

        var off = Assert.Single(result.Plan.Recommendations);
        Assert.Equal(new HostId("h2"), Assert.Single(off.Evacuation).Target);
        var copySeconds = 12_500 / settings.Constraints.MigrationBandwidthMbPerSecond / settings.Constraints.MaxConcurrentMigrationsPerHost;
        Assert.Equal(T0 + TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(copySeconds), off.ReadyAt);
        Assert.Equal(2, result.State.InFlight.Count);
    }

    [Fact]
    public void A_power_off_that_breaks_the_admission_policy_is_refused_and_ha_capacity_powers_a_host_on()
    {
        var input = new DrsScenario().Host("h1").Host("h2").Host("h3")
            .Vm("a", "h1", 100, memoryMb: 30_000).Vm("b", "h2", 100, memoryMb: 30_000).Vm("c", "h3", 100, memoryMb: 30_000).Build();
        var settings = DpmSettings.Default with { PowerOffWindow = TimeSpan.Zero, MinHostsOn = 1, Admission = AdmissionControl.TolerateHostFailures(1) };

        var result = DpmPlanner.Plan(input, settings, DpmState.Initial, T0);

        Assert.Empty(result.Plan.Recommendations);
        Assert.Contains(result.Plan.KeptOn, k => k.Contains("breaks tolerate 1 host failure(s)", StringComparison.Ordinal));
        Assert.NotEmpty(DpmPlanner.Plan(input, settings with { Admission = AdmissionControl.Disabled }, DpmState.Initial, T0).Plan.Recommendations);

        var short1 = new DrsScenario().Host("h1").Host("spare", state: HostState.PoweredOff).Vm("a", "h1", 100).Build();
        var on = Assert.Single(DpmPlanner.Plan(short1, settings, DpmState.Initial, T0).Plan.Recommendations);
        Assert.Equal((new HostId("spare"), PowerReason.HaCapacity), (on.Host, on.Reason));
    }

    [Fact]
    public void Manual_dpm_recommends_without_recording_operations_in_flight()
    {
        var result = DpmPlanner.Plan(Quiet().Build(), DpmSettings.Default with { PowerOffWindow = TimeSpan.Zero, AutomationLevel = DpmAutomationLevel.Manual }, DpmState.Initial, T0);

        Assert.False(Assert.Single(result.Plan.Recommendations).Automatic);
        Assert.Empty(result.State.InFlight);
    }
}
