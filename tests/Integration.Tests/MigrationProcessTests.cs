using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// Live migration between real host-node processes, over the TCP migration transport each one listens on
/// (--migration-listen, by default loopback on a port the OS picks), driven through the admin API as an operator does.
/// The tests leave the cluster with three Normal hosts, whichever runs first.
/// </summary>
public sealed class MigrationProcessTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    [Fact]
    public async Task A_running_vm_migrated_through_the_admin_api_runs_on_the_target_as_its_next_incarnation_never_restarted()
    {
        await cluster.AllHostsNormalAsync();
        var before = await cluster.RunVmAsync("moved", memoryMb: 1024);

        var admitted = await cluster.MigrateAsync(before.VmId);
        var ended = await cluster.WaitForEndAsync(admitted.MigrationId);
        var after = await cluster.VmAsync(before.VmId);

        Assert.Equal(MigrationPhase.Completed, ended.Phase);
        Assert.NotEqual(before.Host, ended.Target);
        Assert.Equal(VmPowerState.Running, after.PowerState);
        Assert.Equal(ended.Target, after.Host);
        Assert.Equal(before.Incarnation + 1, after.Incarnation);
        Assert.Equal([ended.Target!.Value], await cluster.HostsListingAsync(before.VmId));
        Assert.Equal(0, await cluster.EventsAsync(LocalClusterAdmin.HaRestartPlanned, before.VmId));
    }

    [Fact]
    public async Task Killing_the_source_host_mid_transfer_rolls_the_migration_back_and_HA_restarts_the_vm_once()
    {
        await cluster.AllHostsNormalAsync();
        // 64 GB at the saga's 10 Gbit/s takes about a minute to send: long enough to kill the source mid-way.
        var before = await cluster.RunVmAsync("killed-mid-move", memoryMb: 65_536);
        var admitted = await cluster.MigrateAsync(before.VmId);
        await cluster.WaitAsync("the transfer under way", async () => await cluster.MigrationAsync(admitted.MigrationId) is { Phase: MigrationPhase.Transferring, Passes: not null } m ? m : null);

        cluster.KillHost(before.Host!.Value.Value);
        var ended = await cluster.WaitForEndAsync(admitted.MigrationId);
        var restarted = await cluster.WaitAsync("the VM restarted by HA", async () => await cluster.VmAsync(before.VmId) is { PowerState: VmPowerState.Running } vm && vm.Host != before.Host ? vm : null);

        Assert.Equal(MigrationPhase.RolledBack, ended.Phase);
        Assert.True(restarted.Incarnation > before.Incarnation);
        Assert.Equal([restarted.Host!.Value], await cluster.HostsListingAsync(before.VmId));
        Assert.Equal(1, await cluster.EventsAsync(LocalClusterAdmin.HaRestartPlanned, before.VmId));

        cluster.StartHost(before.Host!.Value.Value);
        await cluster.AllHostsNormalAsync();
    }
}
