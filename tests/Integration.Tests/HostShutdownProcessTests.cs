using System.Diagnostics;
using Cluster.Messages;
using Xunit.Abstractions;

namespace Cluster.Integration.Tests;

/// <summary>
/// SIGTERM to a host-node process, as Kubernetes stops a pod of the DaemonSet (issue 17 item 5). Its VMs keep running:
/// the simulated hypervisor's guests live in the process, so the hosts run with <c>--guest-state</c>, which keeps them
/// (with their storage leases) across the stop as a real hypervisor's guests outlive its agent. What a user sees: the
/// node exits 0 and leaves the cluster; started again it rejoins, the host is Normal with the same VM running at the
/// same incarnation, its lease renewed by the new process, and HA never planned a restart.
/// </summary>
public sealed class HostShutdownProcessTests(HostShutdownProcessTests.KeepingGuests cluster, ITestOutputHelper output) : IClassFixture<HostShutdownProcessTests.KeepingGuests>
{
    [Fact]
    public async Task A_host_node_stopped_with_SIGTERM_leaves_and_rejoins_with_its_vm_running_at_the_same_incarnation()
    {
        await cluster.AllHostsNormalAsync();
        var vm = await cluster.RunVmAsync("kept-1", memoryMb: 512);
        var host = vm.Host!.Value;
        var members = await MemberCountAsync();
        var lease = Path.Combine(cluster.StorageLeases, "ds-1", vm.VmId.Value + ".lease");

        // Stopped just after a renewal, as the fencing budget (15 s from the last one) is then whole; a loaded machine
        // needs most of it for the stop and the next start.
        var renewed = File.GetLastWriteTimeUtc(lease);
        await cluster.WaitAsync("a renewal of the VM's lease", () => Task.FromResult(File.GetLastWriteTimeUtc(lease) > renewed ? lease : null));
        var stopping = Stopwatch.StartNew();
        await LocalCluster.StopAsync(cluster.Host(host.Value));
        output.WriteLine($"SIGTERM to {host} until it exited: {stopping.ElapsedMilliseconds} ms");
        Assert.Equal(0, cluster.Host(host.Value).ExitCode);
        await cluster.WaitAsync($"{host} gone from the cluster's members", async () => await MemberCountAsync() is { } n && n == members - 1 ? "left" : null);

        // Nothing writes the lease while its holder is stopped (HA only reads it, and took it over would be a restart).
        var lastRenewal = File.GetLastWriteTimeUtc(lease);
        cluster.StartHost(host.Value);
        await cluster.AllHostsNormalAsync();
        await cluster.WaitAsync("the VM's storage lease renewed by the restarted node", () => Task.FromResult(File.GetLastWriteTimeUtc(lease) > lastRenewal ? lease : null));
        var after = await cluster.VmAsync(vm.VmId);
        output.WriteLine($"--- {host} after its restart ---\n{cluster.Host(host.Value).Output}");

        Assert.Equal((VmPowerState.Running, host, vm.Incarnation), (after.PowerState, after.Host!.Value, after.Incarnation));
        Assert.Equal(0, await cluster.EventsAsync(LocalClusterAdmin.HaRestartPlanned, vm.VmId));
        Assert.Contains($"1 guests kept running while the agent was stopped: [{vm.VmId} incarnation {vm.Incarnation}]", cluster.Host(host.Value).Output, StringComparison.Ordinal);
    }

    private async Task<int?> MemberCountAsync() =>
        (await cluster.Admin.GetOrNullAsync("api/cluster/members", ClusterMessagesJsonContext.Default.ClusterMembersView))?.Members.Count;

    /// <summary>The local cluster whose hosts keep their guests across a stop.</summary>
    public sealed class KeepingGuests() : LocalCluster(new LocalClusterOptions(KeepGuests: true));
}
