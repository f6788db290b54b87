using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// Two controller processes in one Akka cluster against one PostgreSQL database (journal and singleton lease) and
/// one host process: exactly one controller runs the VRM; stop it (SIGKILL, or SIGTERM: it leaves, hands over and
/// gives the lease back) and the standby takes over with a higher epoch and keeps the host Normal.
/// Needs CLUSTER_TEST_PG (scripts/test.sh provides a throw-away server); it fails, never skips, without it.
/// </summary>
public sealed class PostgresActiveStandbyTests : IDisposable
{
    private readonly PostgresControllers _cluster = new("cluster-pg-it-");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_standby_takes_over_when_the_active_controller_stops(bool graceful)
    {
        var controllers = _cluster.Controllers;
        _cluster.StartHost("h-1");

        var active = await _cluster.WaitAsync("one controller active with h-1 Normal", async () =>
        {
            var leaders = await Task.WhenAll(controllers.Select(c => LeaderAsync(c.Admin)));
            var activeOnes = controllers.Where((_, i) => leaders[i]?.IsActive == true).ToList();
            return activeOnes.Count == 1 && await HostStateAsync(activeOnes[0].Admin) == HostState.Normal ? activeOnes[0] : null;
        }, seconds: 40);
        var standby = controllers.Single(c => c != active);
        var oldEpoch = (await LeaderAsync(active.Admin))!.Epoch;
        var standbyView = await _cluster.WaitAsync("the standby answering as standby", () => LeaderAsync(standby.Admin), seconds: 40);
        Assert.False(standbyView.IsActive);

        if (graceful)
        {
            // SIGTERM: CoordinatedShutdown leaves the cluster, the VRM hands over and the lease is given back.
            active.Process.Terminate();
            Assert.Equal(0, await active.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("Lease released", active.Process.Output, StringComparison.Ordinal);
        }
        else
        {
            active.Process.Kill();
        }

        var taken = await _cluster.WaitAsync("the standby active with a higher epoch and h-1 Normal", async () =>
            await LeaderAsync(standby.Admin) is { IsActive: true } leader && leader.Epoch > oldEpoch && await HostStateAsync(standby.Admin) == HostState.Normal
                ? leader
                : null, seconds: 40);
        Assert.StartsWith($"cluster@127.0.0.1:{standby.ClusterPort}#", taken.Holder, StringComparison.Ordinal);
    }

    public void Dispose() => _cluster.Dispose();

    private static Task<LeaderView?> LeaderAsync(HttpClient admin) => admin.GetOrNullAsync("api/cluster/leader", ClusterMessagesJsonContext.Default.LeaderView);

    private static async Task<HostState?> HostStateAsync(HttpClient admin) =>
        (await admin.GetOrNullAsync("api/hosts/h-1", ClusterMessagesJsonContext.Default.HostView))?.State;
}
