using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>What the process tests ask a <see cref="LocalCluster"/>'s admin API, as an operator's client would.</summary>
internal static class LocalClusterAdmin
{
    public const string HaRestartPlanned = "ha.restart-planned.v1";

    public static Task AllHostsNormalAsync(this LocalCluster cluster) =>
        cluster.WaitForHostsAsync($"{cluster.HostIds.Count} Normal hosts", hosts => hosts.Count == cluster.HostIds.Count && hosts.All(h => h.State == HostState.Normal));

    public static async Task<VmView> RunVmAsync(this LocalCluster cluster, string name, long memoryMb)
    {
        // The controller adds its --datastore once its VRM is up, not necessarily before the hosts are Normal.
        await cluster.WaitAsync("ds-1 in the inventory", () => cluster.Admin.GetOrNullAsync("api/datastores/ds-1", ClusterMessagesJsonContext.Default.DatastoreView));
        using var created = await cluster.Admin.PostAsJsonAsync(
            new Uri("api/vms", UriKind.Relative),
            new CreateVmRequest(name, 1, memoryMb, [new VmDisk(new DatastoreId("ds-1"), 10)]),
            ClusterMessagesJsonContext.Default.CreateVmRequest);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /api/vms {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var vm = (await created.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.VmView))!;
        using var started = await cluster.Admin.PostAsync(new Uri($"api/vms/{vm.VmId}/start", UriKind.Relative), Json("{}"));
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        return await cluster.WaitAsync($"{name} Running", async () => await cluster.VmAsync(vm.VmId) is { PowerState: VmPowerState.Running, Host: not null } running ? running : null);
    }

    public static async Task<MigrationView> MigrateAsync(this LocalCluster cluster, VmId vm, HostId? host = null)
    {
        using var response = await cluster.Admin.PostAsJsonAsync(new Uri($"api/vms/{vm}/migrate", UriKind.Relative), new MigrateVmRequest(host), ClusterMessagesJsonContext.Default.MigrateVmRequest);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.MigrationView))!;
    }

    public static Task<MigrationView> WaitForEndAsync(this LocalCluster cluster, MigrationId migration) =>
        cluster.WaitAsync($"{migration} ended", async () => await cluster.MigrationAsync(migration) is { Phase: MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed } m ? m : null);

    public static Task<MigrationView?> MigrationAsync(this LocalCluster cluster, MigrationId migration) =>
        cluster.Admin.GetOrNullAsync($"api/migrations/{migration}", ClusterMessagesJsonContext.Default.MigrationView);

    public static async Task<VmView> VmAsync(this LocalCluster cluster, VmId vm) =>
        await cluster.Admin.GetOrNullAsync($"api/vms/{vm}", ClusterMessagesJsonContext.Default.VmView) ?? throw new InvalidOperationException($"GET /api/vms/{vm} did not answer");

    /// <summary>The hosts the inventory places <paramref name="vm"/> on.</summary>
    public static async Task<IReadOnlyList<HostId>> HostsListingAsync(this LocalCluster cluster, VmId vm) =>
        [.. (await cluster.HostsAsync() ?? []).Where(h => h.Vms?.Contains(vm) == true).Select(h => h.HostId)];

    /// <summary>How many journal events of <paramref name="manifest"/> name <paramref name="vm"/>.</summary>
    public static async Task<int> EventsAsync(this LocalCluster cluster, string manifest, VmId vm)
    {
        var rows = await cluster.Admin.GetFromJsonAsync(new Uri("api/events?last=1000", UriKind.Relative), ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow);
        return rows!.Count(r => r.Manifest == manifest && r.Event is { } e && e.TryGetProperty("vmId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == vm.Value);
    }

    public static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
