using System.Net;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// Maintenance mode on real controller and host-node processes, through the admin API: a host running ten VMs is
/// emptied by live migration (none restarted), after which its node can stop without HA acting, and it comes back.
/// </summary>
public sealed class MaintenanceProcessTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    private static readonly HostId H1 = HostId.From("h-1");

    [Fact]
    public async Task A_host_running_ten_vms_enters_maintenance_with_every_vm_moved_live_and_none_restarted()
    {
        await cluster.AllHostsNormalAsync();
        var vms = new List<VmView>();
        for (var i = 1; i <= 10; i++)
        {
            vms.Add(await cluster.RunVmAsync($"busy-{i:D2}", memoryMb: 512));
        }

        // Gathered on h-1 first, through the same queue (its limits admit these moves a few at a time).
        var gathering = new List<MigrationView>();
        foreach (var vm in vms.Where(v => v.Host != H1))
        {
            gathering.Add(await cluster.MigrateAsync(vm.VmId, H1));
        }

        foreach (var move in gathering)
        {
            Assert.Equal(MigrationPhase.Completed, (await cluster.WaitForEndAsync(move.MigrationId)).Phase);
        }

        var before = await Task.WhenAll(vms.Select(v => cluster.VmAsync(v.VmId)));
        Assert.All(before, vm => Assert.Equal((H1, VmPowerState.Running), (vm.Host!.Value, vm.PowerState)));

        using var enter = await cluster.Admin.PostAsync(new Uri("api/hosts/h-1/maintenance", UriKind.Relative), LocalClusterAdmin.Json("{}"));
        Assert.True(enter.StatusCode == HttpStatusCode.Accepted, await enter.Content.ReadAsStringAsync());
        await cluster.WaitForHostsAsync("h-1 in Maintenance", hosts => hosts.Single(h => h.HostId == H1).State == HostState.Maintenance);

        var after = await Task.WhenAll(vms.Select(v => cluster.VmAsync(v.VmId)));
        foreach (var (was, now) in before.Zip(after))
        {
            Assert.Equal(VmPowerState.Running, now.PowerState);
            Assert.NotEqual(H1, now.Host!.Value);
            Assert.True(now.Incarnation > was.Incarnation, $"{now.VmId} runs as #{now.Incarnation}, was #{was.Incarnation}");
            Assert.Equal(0, await cluster.EventsAsync(LocalClusterAdmin.HaRestartPlanned, now.VmId));
        }

        await StoppingTheEmptiedNodeCallsNoHaAndExitReturnsItAsync();
    }

    /// <summary>The node is shut down for its maintenance: past the failure detection window it is still Maintenance.</summary>
    private async Task StoppingTheEmptiedNodeCallsNoHaAndExitReturnsItAsync()
    {
        cluster.KillHost(H1.Value);
        // The controller runs with 200 ms heartbeats, Faulty after 5 missed: 3 s of silence is well past it.
        var silent = await cluster.WaitForHostsAsync("h-1 silent for 3 s", hosts => hosts.Single(h => h.HostId == H1).LastHeartbeat is { } last && TimeProvider.System.GetUtcNow() - last > TimeSpan.FromSeconds(3));
        Assert.Equal(HostState.Maintenance, silent.Single(h => h.HostId == H1).State);

        cluster.StartHost(H1.Value);
        // The admin API wants a JSON content type on every writing request, a DELETE too (a cross-site form cannot send one).
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri("api/hosts/h-1/maintenance", UriKind.Relative)) { Content = LocalClusterAdmin.Json("{}") };
        using var exit = await cluster.Admin.SendAsync(request);
        Assert.True(exit.IsSuccessStatusCode, await exit.Content.ReadAsStringAsync());
        await cluster.AllHostsNormalAsync();
    }
}
