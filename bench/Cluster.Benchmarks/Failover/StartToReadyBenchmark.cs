using System.Diagnostics;
using System.Globalization;
using System.Net;
using Cluster.Integration.Tests;

namespace Cluster.Benchmarks.Failover;

/// <summary>
/// Suite <c>startup</c> (issue 17): how long a pod takes from its process starting until its readiness probe passes,
/// <c>/healthz/ready</c> answering 200, with the Release builds on loopback and no TLS. The clock starts just before
/// <c>dotnet Cluster.*.dll</c> is launched, so the runtime's own start is in the figure, as in a container.
/// <list type="bullet">
/// <item><c>process.controller_start_to_ready_ms</c>: a controller forming a new cluster alone on a fresh SQLite
/// database (ready = joined and the database answers).</item>
/// <item><c>process.host_start_to_ready_ms</c>: a host node (<c>--health-listen</c>) joining a running controller
/// (ready = joined); each run a new host id, stopped with SIGTERM afterwards.</item>
/// </list>
/// Medians are printed; every run's value goes to stderr.
/// </summary>
public static class StartToReadyBenchmark
{
    public const int DefaultRuns = 5;

    private const string ReadyPath = "/healthz/ready";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(Action<string, double, string> report, int runs)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

        var controller = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var dir = Directory.CreateTempSubdirectory("cluster-start-bench-").FullName;
            var port = BenchController.FreePort();
            var started = Stopwatch.GetTimestamp();
            using (var node = BenchController.Start("ctrl-a", dir, port, port))
            {
                controller.Add(await ReadyAfterAsync(http, node.AdminUrl + ReadyPath, started, node.Process));
            }

            await Note("process.controller_start_to_ready_ms", run, runs, controller[^1]);
            Delete(dir);
        }

        report("process.controller_start_to_ready_ms", SingletonFailoverBenchmark.Median(controller), "ms");

        var hostDir = Directory.CreateTempSubdirectory("cluster-start-bench-").FullName;
        var seed = BenchController.FreePort();
        using (var running = BenchController.Start("ctrl-a", hostDir, seed, seed))
        {
            await ReadyAfterAsync(http, running.AdminUrl + ReadyPath, Stopwatch.GetTimestamp(), running.Process);
            var host = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var probes = BenchController.FreePort();
                var started = Stopwatch.GetTimestamp();
                using var node = BenchController.StartHost($"h-{run}", hostDir, seed, "--health-listen", "127.0.0.1:" + probes.ToString(CultureInfo.InvariantCulture));
                host.Add(await ReadyAfterAsync(http, $"http://127.0.0.1:{probes}{ReadyPath}", started, node));
                node.Terminate();
                await node.WaitForExitAsync(WaitLimit);
                await Note("process.host_start_to_ready_ms", run, runs, host[^1]);
            }

            report("process.host_start_to_ready_ms", SingletonFailoverBenchmark.Median(host), "ms");
        }

        Delete(hostDir);
    }

    /// <summary>Milliseconds from <paramref name="since"/> until <paramref name="url"/> answers 200.</summary>
    private static async Task<double> ReadyAfterAsync(HttpClient http, string url, long since, ChildProcess process)
    {
        using var timer = new PeriodicTimer(PollInterval);
        while (Stopwatch.GetElapsedTime(since) < WaitLimit && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(since).TotalMilliseconds;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await timer.WaitForNextTickAsync();
        }

        throw new TimeoutException($"{url} not ready within {WaitLimit.TotalSeconds} s (exited: {process.HasExited})\n{process.Output}");
    }

    private static Task Note(string name, int run, int runs, double ms) =>
        Console.Error.WriteLineAsync(FormattableString.Invariant($"{name} run {run}/{runs}: {ms:0} ms (load {SingletonFailoverBenchmark.LoadAverage()})"));

    private static void Delete(string dir)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp dir is cleaned by the OS later.
        }
    }
}
