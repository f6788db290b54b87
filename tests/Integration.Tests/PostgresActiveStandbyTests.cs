using System.Globalization;
using System.Net.Http.Json;
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
    private readonly string _dir = Directory.CreateTempSubdirectory("cluster-pg-it-").FullName;
    private readonly List<ChildProcess> _processes = [];
    private readonly string _schema = "it_" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_standby_takes_over_when_the_active_controller_stops(bool graceful)
    {
        var connection = Environment.GetEnvironmentVariable("CLUSTER_TEST_PG")
            ?? throw new InvalidOperationException("CLUSTER_TEST_PG is not set: run the tests through scripts/test.sh (scripts/with-postgres.sh)");
        var seedPort = Binaries.FreePort();
        var controllers = new[] { Start("ctrl-a", connection, seedPort, seedPort), Start("ctrl-b", connection, Binaries.FreePort(), seedPort) };
        var clusterPorts = string.Join(' ', controllers.Select(c => c.ClusterPort));
        var hostArgs = new List<string>
        {
            "--host-id", "h-1", "--listen", Endpoint(Binaries.FreePort()), "--no-tls",
            "--heartbeat-interval", "200ms", "--datastore", "ds-1", "--storage-leases", SharedLeases,
        };
        foreach (var controller in controllers)
        {
            hostArgs.AddRange(["--seed", Endpoint(controller.ClusterPort)]);
        }

        _processes.Add(ChildProcess.Start("h-1", Binaries.HostNode, _dir, [.. hostArgs]));

        var active = await WaitAsync("one controller active with h-1 Normal", async () =>
        {
            var leaders = await Task.WhenAll(controllers.Select(c => LeaderAsync(c.Admin)));
            var activeOnes = controllers.Where((_, i) => leaders[i]?.IsActive == true).ToList();
            return activeOnes.Count == 1 && await HostStateAsync(activeOnes[0].Admin) == HostState.Normal ? activeOnes[0] : null;
        }, clusterPorts);
        var standby = controllers.Single(c => c != active);
        var oldEpoch = (await LeaderAsync(active.Admin))!.Epoch;
        var standbyView = await WaitAsync("the standby answering as standby", () => LeaderAsync(standby.Admin), clusterPorts);
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

        var taken = await WaitAsync("the standby active with a higher epoch and h-1 Normal", async () =>
            await LeaderAsync(standby.Admin) is { IsActive: true } leader && leader.Epoch > oldEpoch && await HostStateAsync(standby.Admin) == HostState.Normal
                ? leader
                : null, clusterPorts);
        Assert.StartsWith($"cluster@127.0.0.1:{standby.ClusterPort}#", taken.Holder, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp dir is cleaned by the OS later.
        }
    }

    private string SharedLeases => Path.Combine(_dir, "storage-leases");

    private Controller Start(string name, string connection, int clusterPort, int seedPort)
    {
        var adminPort = Binaries.FreePort();
        var process = ChildProcess.Start(name, Binaries.Controller, _dir,
            "--node-id", name, "--listen", Endpoint(clusterPort), "--seed", Endpoint(seedPort), "--no-tls", "--admin-urls", $"http://127.0.0.1:{adminPort}",
            "--data-dir", Path.Combine(_dir, name), "--database", "postgres:" + connection, "--postgres-schema", _schema,
            "--storage-leases", SharedLeases, "--format-storage-leases", "--datastore", "ds-1",
            "--heartbeat-interval", "200ms", "--missed-heartbeats", "5");
        _processes.Add(process);
        var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/"), Timeout = TimeSpan.FromSeconds(3) };
        return new Controller(name, process, admin, clusterPort);
    }

    private static async Task<LeaderView?> LeaderAsync(HttpClient admin)
    {
        try
        {
            using var response = await admin.GetAsync(new Uri("api/cluster/leader", UriKind.Relative));
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.LeaderView) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<HostState?> HostStateAsync(HttpClient admin)
    {
        try
        {
            using var response = await admin.GetAsync(new Uri("api/hosts/h-1", UriKind.Relative));
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.HostView))?.State : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls every 100 ms on a <see cref="PeriodicTimer"/>, at most 40 s; on timeout the message carries every process's output.</summary>
    private async Task<T> WaitAsync<T>(string what, Func<Task<T?>> probe, string context)
        where T : class
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var tick = 0; tick < 400; tick++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await timer.WaitForNextTickAsync();
        }

        throw new TimeoutException($"{what}: not within 40 s (controllers on {context})\n" +
            string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{p.Output}")));
    }

    private static string Endpoint(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    private sealed record Controller(string Name, ChildProcess Process, HttpClient Admin, int ClusterPort);
}
