using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Messages;
using Xunit.Abstractions;

namespace Cluster.Integration.Tests;

/// <summary>
/// One host id, one live host node, on real processes: a second host node started with a live host's --host-id is
/// refused and exits with one line, the live host's VMs do not flap, and the controller lists a duplicate-host-id alarm.
/// </summary>
public sealed class HostIdProcessTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    private static readonly HostId H1 = HostId.From("h-1");

    [Fact]
    public async Task A_second_node_with_a_live_hosts_id_exits_with_one_line_the_hosts_vms_keep_running_and_an_alarm_names_both_addresses()
    {
        await cluster.AllHostsNormalAsync();
        var vms = new List<VmView>();
        for (var i = 1; i <= 3; i++)
        {
            vms.Add(await cluster.RunVmAsync($"dup-{i}", memoryMb: 512));
        }

        var before = (await cluster.HostsAsync())!.Single(h => h.HostId == H1).Address;
        var crashedBefore = await CrashedEventsAsync();

        var duplicate = cluster.StartDuplicateOf(H1.Value, "h-1-duplicate");
        var exitCode = await duplicate.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(duplicate.ErrorLines, l => l.Length > 0);
        Assert.StartsWith("host-node: error: --host-id: host id h-1 is held by a live host node at " + before, line);

        var alarm = await cluster.WaitAsync("a duplicate-host-id alarm", async () => (await AlarmsAsync()).FirstOrDefault(a => a.Kind == "duplicate-host-id"));
        Assert.Equal(("h-1", true), (alarm.Object.Id, alarm.Active));
        Assert.Contains(before, alarm.Text);
        Assert.Matches(@"a second host node akka\.tcp://cluster@127\.0\.0\.1:\d+/user/cna claimed", alarm.Text);
        Assert.DoesNotContain(before + " claimed", alarm.Text);

        // Heartbeats every 200 ms: two seconds of h-1's heartbeats after the refusal, a flapping host would have reported its VMs missing many times.
        var refusedAt = TimeProvider.System.GetUtcNow();
        await cluster.WaitForHostsAsync("h-1 heard for 2 s after the refusal", hosts => hosts.Single(h => h.HostId == H1).LastHeartbeat > refusedAt.AddSeconds(2));
        Assert.Equal(crashedBefore, await CrashedEventsAsync());
        var hosts = (await cluster.HostsAsync())!;
        Assert.Equal((before, HostState.Normal), (hosts.Single(h => h.HostId == H1).Address, hosts.Single(h => h.HostId == H1).State));
        foreach (var vm in vms)
        {
            var now = await cluster.VmAsync(vm.VmId);
            Assert.Equal((VmPowerState.Running, vm.Incarnation), (now.PowerState, now.Incarnation));
        }
    }

    private async Task<IReadOnlyList<AlarmView>> AlarmsAsync() =>
        await cluster.Admin.GetFromJsonAsync(new Uri("api/alarms", UriKind.Relative), ClusterMessagesJsonContext.Default.IReadOnlyListAlarmView) ?? [];

    private async Task<int> CrashedEventsAsync()
    {
        var rows = await cluster.Admin.GetFromJsonAsync(new Uri("api/events?last=1000", UriKind.Relative), ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow);
        return rows!.Count(r => r.Manifest == "inv.vm-power-state-changed.v1" && r.Event is { } e && e.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.String && to.GetString() == nameof(VmPowerState.Crashed));
    }
}

/// <summary>
/// The audit's cold start on real processes: the controller stopped and restarted on the same data directory with no host
/// running, the hosts started afterwards; the VMs run again within a few seconds of their hosts being Normal.
/// </summary>
public sealed class ColdStartProcessTests(LocalCluster cluster, ITestOutputHelper output) : IClassFixture<LocalCluster>
{
    private const string HaRestartFailed = "ha.restart-failed.v1";

    [Fact]
    public async Task After_a_cold_start_the_vms_run_within_a_few_seconds_of_their_hosts_reporting()
    {
        await cluster.AllHostsNormalAsync();
        var vms = new List<VmView>();
        for (var i = 1; i <= 4; i++)
        {
            vms.Add(await cluster.RunVmAsync($"cold-{i}", memoryMb: 512));
        }

        await Task.WhenAll(cluster.HostIds.Select(h => LocalCluster.StopAsync(cluster.Host(h))).Append(LocalCluster.StopAsync(cluster.Controller)));
        cluster.StartController();

        // Alone, the controller sees its journal's hosts go Faulty (1 s window); once the VMs' storage leases have lapsed
        // (20 s) HA finds no host to restart them on. The hosts come back after that, as in the audit (68 s later).
        await cluster.WaitForHostsAsync("every host Faulty", hosts => hosts.Count == cluster.HostIds.Count && hosts.All(h => h.State == HostState.Faulty));
        foreach (var vm in vms)
        {
            await cluster.WaitAsync($"a failed restart of {vm.Name}", async () => await cluster.EventsAsync(HaRestartFailed, vm.VmId) > 0 ? vm : null);
        }

        var afterWait = await Task.WhenAll(vms.Select(v => cluster.VmAsync(v.VmId)));
        Assert.DoesNotContain(afterWait, vm => vm.PowerState is VmPowerState.Running or VmPowerState.Starting && vm.Incarnation > 1);

        foreach (var host in cluster.HostIds)
        {
            cluster.StartHost(host);
        }

        await cluster.AllHostsNormalAsync();
        var normal = Stopwatch.StartNew();
        await cluster.WaitAsync("every VM Running again", async () =>
        {
            var now = await Task.WhenAll(vms.Select(v => cluster.VmAsync(v.VmId)));
            return now.All(vm => vm.PowerState == VmPowerState.Running) ? now : null;
        });

        output.WriteLine($"every VM Running {normal.Elapsed.TotalSeconds:0.0} s after every host was Normal");
        Assert.True(normal.Elapsed < TimeSpan.FromSeconds(8), $"the VMs ran {normal.Elapsed.TotalSeconds:0.0} s after their hosts were Normal");
    }
}
