using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// A live migration between two host nodes of the multi-node cluster, whose source is killed mid-transfer. Each host
/// node listens for migrations on a TCP socket of its own (as the host-node process does, not a network shared in this
/// process), so the kill is felt as a real one: the target's connection from the source ends, the source's heartbeats
/// and lease renewals stop, and its VMs count as dead.
/// </summary>
public sealed class MigrationKillTests
{
    [Fact]
    public async Task Killing_the_source_host_mid_transfer_rolls_the_migration_back_and_the_vm_runs_exactly_once_after_an_HA_restart()
    {
        await using var cluster = await TestCluster.StartAsync();
        var vrm = cluster.First;
        // 64 GB at the saga's 10 Gbit/s takes about a minute to send: the kill comes well before the end.
        var created = await cluster.AskAsync<VmView>(vrm, new CreateVm(new CreateVmRequest("big", 1, 65_536, [new VmDisk(new DatastoreId("ds-1"), 10)])));
        await cluster.AskAsync<object>(vrm, new PowerOnVm(created.VmId));
        var before = (await cluster.WaitForVmsAsync("big Running", vrm, vms => vms.Any(v => v.VmId == created.VmId && v.PowerState == VmPowerState.Running)))
            .Single(v => v.VmId == created.VmId);
        var source = cluster.Hosts.Single(h => h.Id == before.Host);

        var admitted = await cluster.AskAsync<MigrationView>(vrm, new MigrateVm(created.VmId, null));
        await cluster.WaitAsync("the transfer under way", async () => await MigrationAsync(cluster, admitted.MigrationId) is { Phase: MigrationPhase.Transferring, Passes: not null });
        await source.KillAsync(cluster.Controllers.Select(c => c.Port).Concat(cluster.Hosts.Where(h => h != source).Select(h => h.Port)));

        await cluster.WaitAsync("the migration rolled back", async () => await MigrationAsync(cluster, admitted.MigrationId) is { Phase: MigrationPhase.RolledBack });
        var restarted = (await cluster.WaitForVmsAsync("big restarted by HA", vrm, vms => vms.Any(v => v.VmId == created.VmId && v.PowerState == VmPowerState.Running && v.Host != source.Id)))
            .Single(v => v.VmId == created.VmId);
        var runningOn = cluster.Hosts.Where(h => h.RunningVms().ContainsKey(created.VmId)).ToList();

        Assert.Single(runningOn);
        Assert.Equal(restarted.Host, runningOn[0].Id);
        Assert.Equal(restarted.Incarnation, runningOn[0].RunningVms()[created.VmId]);
        Assert.True(restarted.Incarnation > before.Incarnation);
    }

    private static async Task<MigrationView?> MigrationAsync(TestCluster cluster, MigrationId id) =>
        await cluster.First.Vrm.AskAsync(new GetMigration(id), TimeSpan.FromSeconds(5), CancellationToken.None) as MigrationView;
}
