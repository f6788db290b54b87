using System.Diagnostics;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// Mutual TLS between processes: a node whose certificate comes from another CA is refused by the controller, which
/// logs why, and never becomes a member. Certificates come from scripts/make-certs.sh, as run-local-cluster.sh makes them.
/// </summary>
public sealed class TlsRefusalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tls-it-").FullName;
    private readonly List<ChildProcess> _processes = [];

    [Fact]
    public async Task A_node_with_a_certificate_from_another_CA_is_refused_logged_and_never_a_member()
    {
        var ours = Path.Combine(_dir, "certs");
        var theirs = Path.Combine(_dir, "rogue-certs");
        await MakeCertsAsync(theirs, "rogue");
        var (controller, clusterPort) = await StartActiveControllerAsync(ours);
        using var admin = AdminOf(controller);

        // The rogue trusts our CA, so only the controller's check of the rogue's own certificate can stop it.
        var rogue = Start("rogue", Binaries.FreePort(), clusterPort, Path.Combine(theirs, "rogue.pfx"), theirs, caDir: ours);
        await WaitAsync("the refusal in the controller's log", () =>
            controller.Process.Output.Contains("refused", StringComparison.Ordinal) && controller.Process.Output.Contains("does not chain to the cluster CA", StringComparison.Ordinal));

        var members = await admin.GetStringAsync(new Uri("api/cluster/members", UriKind.Relative));
        Assert.DoesNotContain($":{rogue.ClusterPort}", members, StringComparison.Ordinal);
        Assert.Contains($":{clusterPort}", members, StringComparison.Ordinal);
        Assert.False(controller.Process.HasExited);
    }

    [Fact]
    public async Task A_node_that_cannot_trust_its_seeds_certificate_stops_with_exit_1_naming_the_TLS_failure()
    {
        var ours = Path.Combine(_dir, "certs");
        var theirs = Path.Combine(_dir, "other-certs");
        await MakeCertsAsync(theirs, "stranger");
        var (controller, clusterPort) = await StartActiveControllerAsync(ours);

        // Akka.Remote shuts a node down when its own check of the peer it dials fails; the process must not linger.
        var stranger = Start("stranger", Binaries.FreePort(), clusterPort, Path.Combine(theirs, "stranger.pfx"), theirs);

        Assert.Equal(1, await stranger.Process.WaitForExitAsync(ControllerNode.WaitLimit));
        Assert.Contains("the actor system ended on its own (TLS handshake failed", stranger.Process.Output, StringComparison.Ordinal);
        Assert.False(controller.Process.HasExited);
    }

    [Fact]
    public async Task Hostile_bytes_on_the_TLS_cluster_port_are_survived_and_a_node_with_a_good_certificate_still_joins()
    {
        var ours = Path.Combine(_dir, "certs");
        var (controller, clusterPort) = await StartActiveControllerAsync(ours, "ctrl-b");
        using var admin = AdminOf(controller);

        using (await HostileBytes.HoldOpenAsync(clusterPort, 20))
        {
            await HostileBytes.SendAsync(clusterPort);
            var second = Start("ctrl-b", Binaries.FreePort(), clusterPort, Path.Combine(ours, "ctrl-b.pfx"), ours);
            await WaitAsync("ctrl-b listed Up beside ctrl-a", async () => await UpMembersAsync(admin) == 2);
        }

        Assert.False(controller.Process.HasExited);
        Assert.Contains("\"isActive\":true", await admin.GetStringAsync(new Uri("api/cluster/leader", UriKind.Relative)), StringComparison.Ordinal);
    }

    public void Dispose() => ChildProcess.DisposeAll(_processes, _dir);

    /// <summary>Makes the cluster CA with certificates for ctrl-a and <paramref name="otherNodes"/>, starts ctrl-a as a new cluster and waits until it runs the VRM.</summary>
    private async Task<((ChildProcess Process, int ClusterPort, int AdminPort) Controller, int ClusterPort)> StartActiveControllerAsync(string certs, params string[] otherNodes)
    {
        await MakeCertsAsync(certs, ["ctrl-a", .. otherNodes]);
        var clusterPort = Binaries.FreePort();
        var controller = Start("ctrl-a", clusterPort, clusterPort, Path.Combine(certs, "ctrl-a.pfx"), certs);
        await WaitAsync("the controller up", () => controller.Process.Output.Contains("VRM active", StringComparison.Ordinal));
        return (controller, clusterPort);
    }

    private static HttpClient AdminOf((ChildProcess Process, int ClusterPort, int AdminPort) controller) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{controller.AdminPort}/"), Timeout = TimeSpan.FromSeconds(3) };

    private static async Task MakeCertsAsync(string dir, params string[] nodes)
    {
        using var script = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Binaries.Root, "scripts", "make-certs.sh"), dir, .. nodes])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = script.StandardError.ReadToEndAsync();
        await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(script.ExitCode == 0, $"make-certs.sh {dir} {string.Join(' ', nodes)} failed: {await stderr}");
    }

    private (ChildProcess Process, int ClusterPort, int AdminPort) Start(string name, int clusterPort, int seedPort, string certificate, string passwordDir, string? caDir = null)
    {
        var adminPort = Binaries.FreePort();
        var process = ChildProcess.Start(name, Binaries.Controller, _dir,
            "--node-id", name, "--listen", ControllerNode.Endpoint(clusterPort), "--seed", ControllerNode.Endpoint(seedPort),
            "--tls-certificate", certificate, "--tls-password", File.ReadAllText(Path.Combine(passwordDir, "password")).Trim(),
            "--tls-ca", Path.Combine(caDir ?? passwordDir, "ca.crt"),
            "--admin-urls", $"http://127.0.0.1:{adminPort}", "--data-dir", Path.Combine(_dir, name));
        _processes.Add(process);
        return (process, clusterPort, adminPort);
    }

    private static async Task<int> UpMembersAsync(HttpClient admin) =>
        (await admin.GetOrNullAsync("api/cluster/members", ClusterMessagesJsonContext.Default.ClusterMembersView))?.Members.Count(m => m.Status == ClusterMemberStatus.Up) ?? 0;

    private Task WaitAsync(string what, Func<bool> condition) => WaitAsync(what, () => Task.FromResult(condition()));

    private async Task WaitAsync(string what, Func<Task<bool>> condition)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > ControllerNode.WaitLimit)
            {
                throw new TimeoutException($"{what}: not within {ControllerNode.WaitLimit.TotalSeconds} s\n" + string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{p.Output}")));
            }

            await timer.WaitForNextTickAsync();
        }
    }
}
