using System.Diagnostics;
using Cluster.Messages;
using Xunit.Abstractions;

namespace Cluster.Integration.Tests;

/// <summary>A controller with membership-assisted host detection and the processes' own heartbeat defaults (3 s × 10).</summary>
public sealed class MembershipDetectionCluster() : LocalCluster(new LocalClusterOptions(ProductionTimings: true, ControllerArgs: ["--host-detection", "membership"]));

/// <summary>A controller with the default host detection (heartbeats alone, 3 s × 10) and the processes' own defaults.</summary>
public sealed class HeartbeatsDetectionCluster() : LocalCluster(new LocalClusterOptions(ProductionTimings: true));

/// <summary>
/// kill -9 of a host node running a VM, timed from the kill to the host's Faulty and to the VM running on another host,
/// with the processes' production timings (heartbeats every 3 s, leases renewed every 5 s and expiring after 20 s).
/// </summary>
internal static class HostKill
{
    public static async Task<(TimeSpan Faulty, TimeSpan Running)> MeasureAsync(LocalCluster cluster, string vmName, ITestOutputHelper output)
    {
        await cluster.WaitForHostsAsync("3 Normal hosts", hosts => hosts.Count == 3 && hosts.All(h => h.State == HostState.Normal), TimeSpan.FromSeconds(90));
        var vm = await cluster.RunVmAsync(vmName, memoryMb: 512);
        var victim = vm.Host!.Value;

        // Killed right after the start: the VM's storage lease was just taken, the worst case for the restart (20 s TTL).
        var killed = Stopwatch.GetTimestamp();
        cluster.KillHost(victim.Value);
        await cluster.WaitForHostsAsync($"{victim} Faulty", hosts => hosts.Any(h => h.HostId == victim && h.State == HostState.Faulty), TimeSpan.FromSeconds(60));
        var faulty = Stopwatch.GetElapsedTime(killed);
        await cluster.WaitAsync($"{vmName} Running elsewhere", async () => await cluster.VmAsync(vm.VmId) is { PowerState: VmPowerState.Running, Host: { } host } running && host != victim ? running : null, TimeSpan.FromSeconds(90));
        var running = Stopwatch.GetElapsedTime(killed);
        output.WriteLine($"BENCH detection.kill9.faulty_s {faulty.TotalSeconds:0.0} s");
        output.WriteLine($"BENCH detection.kill9.vm_running_elsewhere_s {running.TotalSeconds:0.0} s");
        return (faulty, running);
    }
}

/// <summary>The two modes' kill tests run one after the other: side by side, eight processes starved each other's timings on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class HostDetectionCollection
{
    public const string Name = "host-detection";
}

[Collection(HostDetectionCollection.Name)]
public sealed class MembershipDetectionProcessTests(MembershipDetectionCluster cluster, ITestOutputHelper output) : IClassFixture<MembershipDetectionCluster>
{
    [Fact]
    public async Task A_killed_host_is_Faulty_within_seconds_and_its_vm_runs_elsewhere_in_under_30_s()
    {
        var (faulty, running) = await HostKill.MeasureAsync(cluster, "fast-1", output);

        // Akka marks the node unreachable in about 2 s, two missed 3 s heartbeats follow: far below the 30 s window.
        Assert.True(faulty < TimeSpan.FromSeconds(15), $"Faulty after {faulty.TotalSeconds:0.0} s");

        // The VM's storage lease (20 s after its last renewal) still gates the restart.
        Assert.True(running < TimeSpan.FromSeconds(30), $"running elsewhere after {running.TotalSeconds:0.0} s");
    }
}

[Collection(HostDetectionCollection.Name)]
public sealed class HeartbeatsDetectionProcessTests(HeartbeatsDetectionCluster cluster, ITestOutputHelper output) : IClassFixture<HeartbeatsDetectionCluster>
{
    [Fact]
    public async Task By_default_a_killed_host_is_Faulty_only_after_its_30_s_window()
    {
        var (faulty, running) = await HostKill.MeasureAsync(cluster, "default-1", output);

        // The host's last heartbeat came up to 3 s before the kill: Faulty 27-31 s after it, plus a 1 s detection tick.
        Assert.True(faulty >= TimeSpan.FromSeconds(26), $"Faulty after {faulty.TotalSeconds:0.0} s");
        Assert.True(running >= faulty, $"running elsewhere after {running.TotalSeconds:0.0} s");
    }
}
