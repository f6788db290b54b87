using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Cluster.Integration.Tests;

/// <summary>
/// Start-up fails early and in one line: every listener is bound, or refused naming it with exit 2, before
/// the controller takes its lease or starts its VRM.
/// </summary>
public sealed class StartupOrderTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("startup-").FullName;

    [Fact]
    public async Task A_busy_admin_port_exits_2_in_one_line_and_takes_no_lease()
    {
        using var busy = Occupy(out var adminPort);
        using var first = StartController("ctrl-a", Binaries.FreePort(), adminPort);

        Assert.Equal(2, await first.WaitForExitAsync(Limit));
        var line = Assert.Single(first.ErrorLines);
        Assert.Equal($"controller: error: --admin-urls: admin port 127.0.0.1:{adminPort} is already in use", line);
        Assert.DoesNotContain("   at ", first.Output, StringComparison.Ordinal);

        // Had the first controller taken the singleton's lease, the second one would hold epoch 2.
        var secondAdmin = Binaries.FreePort();
        var secondCluster = Binaries.FreePort();
        using var second = StartController("ctrl-b", secondCluster, secondAdmin);
        var leader = await WaitForLeaderAsync(secondAdmin, second);
        Assert.StartsWith($"cluster@127.0.0.1:{secondCluster}#", leader.GetProperty("holder").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, leader.GetProperty("epoch").GetInt64());
    }

    [Fact]
    public async Task A_busy_cluster_port_exits_2_in_one_line_naming_it()
    {
        using var busy = Occupy(out var clusterPort);
        using var controller = StartController("ctrl-a", clusterPort, Binaries.FreePort());

        Assert.Equal(2, await controller.WaitForExitAsync(Limit));
        Assert.Equal($"controller: error: --listen: cluster port 127.0.0.1:{clusterPort} is already in use", Assert.Single(controller.ErrorLines));
    }

    [Fact]
    public async Task A_host_node_on_a_busy_port_exits_2_in_one_line_naming_it()
    {
        using var busy = Occupy(out var port);
        using var host = ChildProcess.Start("host", Binaries.HostNode, _dir,
            "--host-id", "h-1", "--listen", Endpoint(port), "--seed", Endpoint(Binaries.FreePort()), "--no-tls",
            "--datastore", "ds-1", "--storage-leases", "none");

        Assert.Equal(2, await host.WaitForExitAsync(Limit));
        Assert.Equal($"host-node: error: --listen: cluster port 127.0.0.1:{port} is already in use", Assert.Single(host.ErrorLines));
    }

    [Fact]
    public async Task A_second_controller_on_the_same_cluster_port_exits_2_while_the_first_stays_active()
    {
        var clusterPort = Binaries.FreePort();
        var firstAdmin = Binaries.FreePort();
        using var first = StartController("ctrl-a", clusterPort, firstAdmin);
        Assert.Equal(1, (await WaitForLeaderAsync(firstAdmin, first)).GetProperty("epoch").GetInt64());

        using var second = ChildProcess.Start("controller-2", Binaries.Controller, _dir,
            "--node-id", "ctrl-b", "--listen", Endpoint(clusterPort), "--admin-urls", $"http://127.0.0.1:{Binaries.FreePort()}",
            "--seed", Endpoint(clusterPort), "--no-tls", "--data-dir", Path.Combine(_dir, "data-b"));

        Assert.Equal(2, await second.WaitForExitAsync(Limit));
        Assert.Contains($"cluster port 127.0.0.1:{clusterPort} is already in use", Assert.Single(second.ErrorLines), StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A child may still hold a file for a moment; the temp directory is cleaned up eventually.
        }
    }

    /// <summary>A controller that seeds itself (its own one-node cluster) on the shared database of this test.</summary>
    private ChildProcess StartController(string nodeId, int clusterPort, int adminPort) =>
        ChildProcess.Start(nodeId, Binaries.Controller, _dir,
            "--node-id", nodeId, "--listen", Endpoint(clusterPort), "--seed", Endpoint(clusterPort), "--no-tls",
            "--admin-urls", $"http://127.0.0.1:{adminPort}", "--data-dir", Path.Combine(_dir, "data"));

    private static async Task<JsonElement> WaitForLeaderAsync(int adminPort, ChildProcess controller)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/"), Timeout = TimeSpan.FromSeconds(2) };
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30) && !controller.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("api/cluster/leader", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    var leader = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    if (leader.GetProperty("isActive").GetBoolean())
                    {
                        return leader;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow start on a busy machine.
            }

            await timer.WaitForNextTickAsync();
        }

        throw new TimeoutException($"{controller.Name} did not become active within 30 s:\n{controller.Output}");
    }

    private static TcpListener Occupy(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    private static string Endpoint(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}
