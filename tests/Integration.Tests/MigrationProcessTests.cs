using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// Live migration between real host-node processes, over the TCP migration transport each one listens on
/// (--migration-listen, by default loopback on a port the OS picks), driven through the admin API as an operator does.
/// The tests leave the cluster with three Normal hosts, whichever runs first.
/// </summary>
public sealed class MigrationProcessTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    private const string HaRestartPlanned = "ha.restart-planned.v1";

    [Fact]
    public async Task A_running_vm_migrated_through_the_admin_api_runs_on_the_target_as_its_next_incarnation_never_restarted()
    {
        await AllHostsNormalAsync();
        var before = await RunVmAsync("moved", memoryMb: 1024);

        var admitted = await MigrateAsync(before.VmId);
        var ended = await WaitForEndAsync(admitted.MigrationId);
        var after = await VmAsync(before.VmId);

        Assert.Equal(MigrationPhase.Completed, ended.Phase);
        Assert.NotEqual(before.Host, ended.Target);
        Assert.Equal(VmPowerState.Running, after.PowerState);
        Assert.Equal(ended.Target, after.Host);
        Assert.Equal(before.Incarnation + 1, after.Incarnation);
        Assert.Equal([ended.Target!.Value], await HostsListingAsync(before.VmId));
        Assert.Equal(0, await EventsAsync(HaRestartPlanned, before.VmId));
    }

    [Fact]
    public async Task Killing_the_source_host_mid_transfer_rolls_the_migration_back_and_HA_restarts_the_vm_once()
    {
        await AllHostsNormalAsync();
        // 64 GB at the saga's 10 Gbit/s takes about a minute to send: long enough to kill the source mid-way.
        var before = await RunVmAsync("killed-mid-move", memoryMb: 65_536);
        var admitted = await MigrateAsync(before.VmId);
        await cluster.WaitAsync("the transfer under way", async () => await MigrationAsync(admitted.MigrationId) is { Phase: MigrationPhase.Transferring, Passes: not null } m ? m : null);

        cluster.KillHost(before.Host!.Value.Value);
        var ended = await WaitForEndAsync(admitted.MigrationId);
        var restarted = await cluster.WaitAsync("the VM restarted by HA", async () => await VmAsync(before.VmId) is { PowerState: VmPowerState.Running } vm && vm.Host != before.Host ? vm : null);

        Assert.Equal(MigrationPhase.RolledBack, ended.Phase);
        Assert.True(restarted.Incarnation > before.Incarnation);
        Assert.Equal([restarted.Host!.Value], await HostsListingAsync(before.VmId));
        Assert.Equal(1, await EventsAsync(HaRestartPlanned, before.VmId));

        cluster.StartHost(before.Host!.Value.Value);
        await AllHostsNormalAsync();
    }

    private Task AllHostsNormalAsync() =>
        cluster.WaitForHostsAsync("3 Normal hosts", hosts => hosts.Count == cluster.HostIds.Count && hosts.All(h => h.State == HostState.Normal));

    private async Task<VmView> RunVmAsync(string name, long memoryMb)
    {
        using var created = await cluster.Admin.PostAsJsonAsync(
            new Uri("api/vms", UriKind.Relative),
            new CreateVmRequest(name, 1, memoryMb, [new VmDisk(new DatastoreId("ds-1"), 10)]),
            ClusterMessagesJsonContext.Default.CreateVmRequest);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var vm = (await created.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.VmView))!;
        using var started = await cluster.Admin.PostAsync(new Uri($"api/vms/{vm.VmId}/start", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        return await cluster.WaitAsync($"{name} Running", async () => await VmAsync(vm.VmId) is { PowerState: VmPowerState.Running, Host: not null } running ? running : null);
    }

    private async Task<MigrationView> MigrateAsync(VmId vm)
    {
        using var response = await cluster.Admin.PostAsJsonAsync(new Uri($"api/vms/{vm}/migrate", UriKind.Relative), new MigrateVmRequest(), ClusterMessagesJsonContext.Default.MigrateVmRequest);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.MigrationView))!;
    }

    private Task<MigrationView> WaitForEndAsync(MigrationId migration) =>
        cluster.WaitAsync($"{migration} ended", async () => await MigrationAsync(migration) is { Phase: MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed } m ? m : null);

    private Task<MigrationView?> MigrationAsync(MigrationId migration) => cluster.Admin.GetOrNullAsync($"api/migrations/{migration}", ClusterMessagesJsonContext.Default.MigrationView);

    private async Task<VmView> VmAsync(VmId vm) =>
        await cluster.Admin.GetOrNullAsync($"api/vms/{vm}", ClusterMessagesJsonContext.Default.VmView) ?? throw new InvalidOperationException($"GET /api/vms/{vm} did not answer");

    /// <summary>The hosts the inventory places <paramref name="vm"/> on.</summary>
    private async Task<IReadOnlyList<HostId>> HostsListingAsync(VmId vm) =>
        [.. (await cluster.HostsAsync() ?? []).Where(h => h.Vms?.Contains(vm) == true).Select(h => h.HostId)];

    /// <summary>How many journal events of <paramref name="manifest"/> name <paramref name="vm"/>.</summary>
    private async Task<int> EventsAsync(string manifest, VmId vm)
    {
        var rows = await cluster.Admin.GetFromJsonAsync(new Uri("api/events?last=1000", UriKind.Relative), ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow);
        return rows!.Count(r => r.Manifest == manifest && r.Event is { } e && e.TryGetProperty("vmId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == vm.Value);
    }
}
