using System.Net;
using System.Net.Http.Json;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// The active controller killed (SIGKILL) in the middle of a maintenance evacuation, on real processes: two controllers
/// on one PostgreSQL database and three host nodes. The standby's VRM recovers the evacuation and every open migration
/// from the journal; every migration ends Completed or RolledBack, the host ends in Maintenance, and every VM runs
/// exactly once, elsewhere. Needs CLUSTER_TEST_PG (scripts/test.sh provides a throw-away server).
/// </summary>
public sealed class PostgresMaintenanceFailoverTests : IDisposable
{
    private static readonly HostId H1 = HostId.From("h-1");
    private readonly PostgresControllers _cluster = new("cluster-pg-maint-");

    [Fact]
    public async Task Killing_the_active_controller_mid_evacuation_leaves_every_migration_ended_and_every_vm_running_once()
    {
        var controllers = _cluster.Controllers;
        foreach (var host in new[] { "h-1", "h-2", "h-3" })
        {
            _cluster.StartHost(host);
        }

        var active = await WaitAsync("one controller active with three Normal hosts", async () =>
        {
            foreach (var controller in controllers)
            {
                if (await controller.Admin.GetOrNullAsync("api/cluster/leader", ClusterMessagesJsonContext.Default.LeaderView) is { IsActive: true }
                    && await controller.Admin.GetOrNullAsync("api/hosts", ClusterMessagesJsonContext.Default.IReadOnlyListHostView) is { Count: 3 } hosts
                    && hosts.All(h => h.State == HostState.Normal))
                {
                    return controller;
                }
            }

            return null;
        });
        var standby = controllers.Single(c => c != active);
        var oldEpoch = (await active.Admin.GetOrNullAsync("api/cluster/leader", ClusterMessagesJsonContext.Default.LeaderView))!.Epoch;

        // Six 4 GB VMs gathered on h-1: at 2 moves leaving a host at once, the evacuation takes several rounds.
        var vms = new List<VmId>();
        for (var i = 1; i <= 6; i++)
        {
            vms.Add(await RunVmAsync(active.Admin, $"evac-{i}", 4096));
        }

        foreach (var vm in vms)
        {
            var placed = await VmAsync(active.Admin, vm);
            if (placed.Host != H1)
            {
                var move = await PostAsync<MigrationView>(active.Admin, $"api/vms/{vm}/migrate", $$"""{"host":"{{H1}}"}""", HttpStatusCode.Accepted);
                await WaitAsync($"{move.MigrationId} completed", async () => await active.Admin.GetOrNullAsync($"api/migrations/{move.MigrationId}", ClusterMessagesJsonContext.Default.MigrationView) is { Phase: MigrationPhase.Completed } done ? done : null);
            }
        }

        await PostAsync<HostView>(active.Admin, "api/hosts/h-1/maintenance", "{}", HttpStatusCode.Accepted);
        await WaitAsync("an evacuation move transferring", async () =>
            await active.Admin.GetOrNullAsync("api/migrations", ClusterMessagesJsonContext.Default.IReadOnlyListMigrationView) is { } all
            && all.Any(m => m.Source == H1 && m.Phase == MigrationPhase.Transferring) ? all : null);
        active.Process.Kill();

        await WaitAsync("the standby active with a higher epoch", async () =>
            await standby.Admin.GetOrNullAsync("api/cluster/leader", ClusterMessagesJsonContext.Default.LeaderView) is { IsActive: true } leader && leader.Epoch > oldEpoch ? leader : null);
        _cluster.Diagnose = async () => string.Join('\n', await Task.WhenAll(new[] { "api/migrations", "api/hosts/h-1", "api/vms" }.Select(p => standby.Admin.GetStringAsync(new Uri(p, UriKind.Relative)))));
        var emptied = await WaitAsync("h-1 in Maintenance", async () =>
            await standby.Admin.GetOrNullAsync("api/hosts", ClusterMessagesJsonContext.Default.IReadOnlyListHostView) is { } hosts
            && hosts.Single(h => h.HostId == H1).State == HostState.Maintenance ? hosts : null);

        var migrations = (await standby.Admin.GetOrNullAsync("api/migrations", ClusterMessagesJsonContext.Default.IReadOnlyListMigrationView))!;
        Assert.All(migrations, m => Assert.Contains(m.Phase, new[] { MigrationPhase.Completed, MigrationPhase.RolledBack, MigrationPhase.Failed }));
        foreach (var vm in vms)
        {
            var now = await VmAsync(standby.Admin, vm);
            Assert.Equal(VmPowerState.Running, now.PowerState);
            Assert.NotEqual(H1, now.Host!.Value);
            Assert.Equal([now.Host.Value], emptied.Where(h => h.Vms?.Contains(vm) == true).Select(h => h.HostId));
        }
    }

    public void Dispose() => _cluster.Dispose();

    private async Task<VmId> RunVmAsync(HttpClient admin, string name, long memoryMb)
    {
        // The controller adds its --datastore once its VRM is up, not necessarily before the hosts are Normal.
        await WaitAsync("ds-1 in the inventory", () => admin.GetOrNullAsync("api/datastores/ds-1", ClusterMessagesJsonContext.Default.DatastoreView));
        var created = await PostAsync<VmView>(admin, "api/vms", $$"""{"name":"{{name}}","vcpus":1,"memoryMb":{{memoryMb}},"disks":[{"datastore":"ds-1","sizeGb":10}]}""", HttpStatusCode.Created);
        await PostAsync<VmView>(admin, $"api/vms/{created.VmId}/start", "{}", HttpStatusCode.OK);
        await WaitAsync($"{name} Running", async () => await admin.GetOrNullAsync($"api/vms/{created.VmId}", ClusterMessagesJsonContext.Default.VmView) is { PowerState: VmPowerState.Running } vm ? vm : null);
        return created.VmId;
    }

    private static async Task<VmView> VmAsync(HttpClient admin, VmId vm) =>
        await admin.GetOrNullAsync($"api/vms/{vm}", ClusterMessagesJsonContext.Default.VmView) ?? throw new InvalidOperationException($"GET /api/vms/{vm} did not answer");

    private static async Task<T> PostAsync<T>(HttpClient admin, string path, string body, HttpStatusCode expected)
    {
        using var response = await admin.PostAsync(new Uri(path, UriKind.Relative), LocalClusterAdmin.Json(body));
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(ClusterMessagesJsonContext.Default.Options))!;
    }

    private Task<T> WaitAsync<T>(string what, Func<Task<T?>> probe)
        where T : class => _cluster.WaitAsync(what, probe);
}
