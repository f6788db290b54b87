using System.Diagnostics;
using System.Net;
using Cluster.Hosting.Health;

namespace Cluster.Integration.Tests;

/// <summary>
/// The probe routes of real processes, as a kubelet sees them: live while the actor system runs, ready only once the
/// node has joined (and for a controller, once its database answers), open without the admin token, and saying
/// nothing but the status. A controller and a host node that seed a controller not yet started are live but not
/// ready; once that controller starts, all three are ready.
/// </summary>
public sealed class HealthProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("health-it-").FullName;
    private readonly List<ControllerNode> _controllers = [];
    private readonly List<ChildProcess> _hosts = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private string Database => Path.Combine(_dir, "cluster.db");

    [Fact]
    public async Task Processes_are_live_at_once_and_ready_only_once_they_joined_the_cluster()
    {
        var firstPort = Binaries.FreePort();
        var waiting = Add(ControllerNode.Start("ctrl-b", _dir, Database, seedPort: firstPort, extra: ["--admin-token", "probe-test-token"]));
        var probePort = Binaries.FreePort();
        var host = AddHost("h-1", firstPort, probePort);
        var hostUrl = $"http://127.0.0.1:{probePort}";
        var controllerUrl = $"http://127.0.0.1:{waiting.AdminPort}";

        await WaitForAsync("ctrl-b and h-1 live (their seed is not up yet)", async () =>
            await StatusAsync(controllerUrl + HealthRoutes.LivePath) == HttpStatusCode.OK && await StatusAsync(hostUrl + HealthRoutes.LivePath) == HttpStatusCode.OK);
        var (controllerReady, controllerBody) = await GetAsync(controllerUrl + HealthRoutes.ReadyPath);
        var (hostReady, _) = await GetAsync(hostUrl + HealthRoutes.ReadyPath);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (controllerReady, hostReady));
        Assert.Equal("Unhealthy", controllerBody);

        var first = Add(ControllerNode.Start("ctrl-a", _dir, Database, clusterPort: firstPort));
        await WaitForAsync("all three ready once ctrl-a formed the cluster", async () =>
            await StatusAsync($"http://127.0.0.1:{first.AdminPort}{HealthRoutes.ReadyPath}") == HttpStatusCode.OK
            && await StatusAsync(controllerUrl + HealthRoutes.ReadyPath) == HttpStatusCode.OK
            && await StatusAsync(hostUrl + HealthRoutes.ReadyPath) == HttpStatusCode.OK);

        // No token on the probes, while the API refuses a request without one; and the answer is the status alone.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(controllerUrl + "/api/hosts"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(controllerUrl + HealthRoutes.ReadyPath));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(hostUrl + HealthRoutes.LivePath));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(hostUrl + "/api/hosts"));

        // The kubelet sends the pod's IP as Host, which is no name of the admin API: probes are answered all the same.
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(controllerUrl + HealthRoutes.ReadyPath)) { Headers = { Host = "10.244.1.7:9110" } };
        using var answer = await _http.SendAsync(probe);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(host.HasExited);
    }

    [Fact]
    public async Task A_controller_whose_database_is_gone_is_live_but_not_ready()
    {
        var node = Add(ControllerNode.Start("ctrl-a", _dir, Database));
        var url = $"http://127.0.0.1:{node.AdminPort}";
        await WaitForAsync("ctrl-a ready", async () => await StatusAsync(url + HealthRoutes.ReadyPath) == HttpStatusCode.OK);

        // The database's path made a directory (a lost volume): no connection opens it. The SQL lease recreates a
        // deleted file within a retry, hence the loop until the directory has won.
        for (var attempt = 0; attempt < 100 && !Directory.Exists(Database); attempt++)
        {
            try
            {
                File.Delete(Database);
                Directory.CreateDirectory(Database);
            }
            catch (IOException)
            {
            }
        }

        await WaitForAsync("ctrl-a not ready", async () => await StatusAsync(url + HealthRoutes.ReadyPath) == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(url + HealthRoutes.LivePath));
    }

    public void Dispose()
    {
        foreach (var node in _controllers)
        {
            node.Dispose();
        }

        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _http.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ControllerNode Add(ControllerNode node)
    {
        _controllers.Add(node);
        return node;
    }

    private ChildProcess AddHost(string name, int seedPort, int probePort)
    {
        var host = ChildProcess.Start(name, Binaries.HostNode, _dir,
        [
            "--host-id", name, "--listen", ControllerNode.Endpoint(Binaries.FreePort()), "--seed", ControllerNode.Endpoint(seedPort), "--no-tls",
            "--storage-leases", "none", "--health-listen", ControllerNode.Endpoint(probePort),
        ]);
        _hosts.Add(host);
        return host;
    }

    private async Task<HttpStatusCode?> StatusAsync(string url) => (await GetAsync(url)).Status;

    private async Task<(HttpStatusCode? Status, string Body)> GetAsync(string url)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(url));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, string.Empty);
        }
    }

    private async Task WaitForAsync(string what, Func<Task<bool>> condition)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < ControllerNode.WaitLimit)
        {
            if (await condition())
            {
                return;
            }

            await timer.WaitForNextTickAsync();
        }

        throw new TimeoutException($"{what}: not within {ControllerNode.WaitLimit.TotalSeconds} s\n"
            + string.Join("\n", _controllers.Select(n => $"--- {n.Name} ---\n{n.Process.Output}").Concat(_hosts.Select(h => $"--- {h.Name} ---\n{h.Output}"))));
    }
}
