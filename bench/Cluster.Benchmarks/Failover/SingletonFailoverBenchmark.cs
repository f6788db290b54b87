using System.Diagnostics;
using Cluster.Messages;

namespace Cluster.Benchmarks.Failover;

/// <summary>
/// Suite <c>singleton</c>: singleton failover between two real controller processes (the Release build of
/// src/Controller, --no-tls, one shared SQLite database for journal and lease, loopback, free ports) in a cluster with
/// one host-node process, as a real cluster has hosts (so the survivors of a kill are its majority). Each run starts a
/// fresh cluster, creates <see cref="Vms"/> VMs through the active one's admin API and waits until the standby's API
/// lists them too; then it stops the active one — SIGKILL (kill) or SIGTERM, a graceful leave and hand-over (leave) —
/// and polls the standby's admin API. The figure is the time from the signal to the standby's first answer that shows
/// it runs the VRM (the lease's holder is the standby, with a higher epoch) with the same inventory. Medians are
/// printed; every run's value goes to stderr.
/// </summary>
public static class SingletonFailoverBenchmark
{
    public const int DefaultRuns = 3;

    private const int Vms = 20;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ProbeSpacing = TimeSpan.FromMilliseconds(50);
    private const int MaxProbesInFlight = 40;

    /// <param name="report">Receives the medians.</param>
    /// <param name="part">kill, leave, or null for both.</param>
    /// <param name="runs">Runs per figure; the median is reported.</param>
    public static async Task RunAsync(Action<string, double, string> report, string? part, int runs)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (part is not (null or "kill" or "leave"))
        {
            throw new ArgumentException($"unknown part '{part}'; expected kill or leave", nameof(part));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        foreach (var (name, graceful) in new[] { ("kill", false), ("leave", true) })
        {
            if (part is not null && part != name)
            {
                continue;
            }

            var times = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var ms = await FailoverOnceAsync(graceful);
                times.Add(ms);
                await Console.Error.WriteLineAsync(FormattableString.Invariant($"singleton.failover_{name}_ms run {run}/{runs}: {ms:0} ms (load {LoadAverage()})"));
            }

            report($"singleton.failover_{name}_ms", Median(times), "ms");
        }
    }

    private static async Task<double> FailoverOnceAsync(bool graceful)
    {
        var dir = Directory.CreateTempSubdirectory("cluster-failover-bench-").FullName;
        var seedPort = BenchController.FreePort();
        var nodes = new List<BenchController>();
        try
        {
            // The first controller is alone, hence the oldest: it runs the VRM, the second one is the standby.
            var active = Add(nodes, BenchController.Start("ctrl-a", dir, seedPort, seedPort));
            var leader = await WaitAsync("ctrl-a running the VRM", async () => await active.LeaderAsync() is { IsActive: true } l ? l : null, nodes);
            var standby = Add(nodes, BenchController.Start("ctrl-b", dir, BenchController.FreePort(), seedPort));
            using var host = BenchController.StartHost("h-1", dir, seedPort);

            var created = new List<VmId>();
            for (var i = 0; i < Vms; i++)
            {
                var request = new CreateVmRequest($"vm-{i}", 2, 2_048, [new VmDisk(new DatastoreId("ds-1"), 20)]);
                created.Add((await WaitAsync($"VM {i} created", () => active.CreateVmAsync(request), nodes)).VmId);
            }

            var expected = created.Order().ToList();
            await WaitAsync("the standby Up, seeing the same VRM and inventory", async () =>
                await standby.MembersAsync() is { } members && members.Members.Count(m => m.Status == ClusterMemberStatus.Up) == 3
                && await standby.LeaderAsync() is { IsActive: false } view && view.Epoch == leader.Epoch
                && await standby.VmsAsync() is { } vms && SameVms(vms, expected)
                    ? view
                    : null, nodes);

            var stopped = Stopwatch.GetTimestamp();
            if (graceful)
            {
                active.Process.Terminate();
            }
            else
            {
                active.Process.Kill();
            }

            return await FirstAnswerAsync("the standby running the VRM with the same inventory", stopped, async () =>
                await standby.LeaderAsync() is { } view && view.Epoch > leader.Epoch && view.Holder.StartsWith(standby.HolderPrefix, StringComparison.Ordinal)
                && await standby.VmsAsync() is { } vms && SameVms(vms, expected), nodes);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
                KeepLog(node, graceful);
            }

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

    /// <summary>With CLUSTER_BENCH_LOGS=DIR each controller's output is kept there, to see where a failover spent its time.</summary>
    private static void KeepLog(BenchController node, bool graceful)
    {
        if (Environment.GetEnvironmentVariable("CLUSTER_BENCH_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            File.WriteAllText(Path.Combine(logs, $"{(graceful ? "leave" : "kill")}-{DateTime.UtcNow:HHmmss.fff}-{node.Name}.log"), node.Process.Output);
        }
    }

    private static BenchController Add(List<BenchController> nodes, BenchController node)
    {
        nodes.Add(node);
        return node;
    }

    private static bool SameVms(IReadOnlyList<VmView> vms, List<VmId> expected) =>
        vms.Select(v => v.VmId).Order().SequenceEqual(expected);

    /// <summary>Polls <paramref name="probe"/> until it yields a value; on timeout the message has every process's output.</summary>
    internal static async Task<T> WaitAsync<T>(string what, Func<Task<T?>> probe, List<BenchController> nodes)
        where T : class
    {
        using var timer = new PeriodicTimer(PollInterval);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < WaitLimit)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await timer.WaitForNextTickAsync();
        }

        throw new TimeoutException($"{what}: not within {WaitLimit.TotalSeconds} s\n" + string.Join("\n", nodes.Select(n => $"--- {n.Name} ---\n{n.Process.Output}")));
    }

    /// <summary>
    /// The time from <paramref name="since"/> to the first probe that answers true. Probes overlap, one every
    /// <see cref="ProbeSpacing"/>: a question asked while no VRM runs waits for the admin API's 5 s ask timeout, and a
    /// poller that waited for it would measure that timeout instead of the failover.
    /// </summary>
    private static async Task<double> FirstAnswerAsync(string what, long since, Func<Task<bool>> probe, List<BenchController> nodes)
    {
        var answered = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(ProbeSpacing);
        while (!answered.Task.IsCompleted && Stopwatch.GetElapsedTime(since) < WaitLimit)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            if (inFlight.Count < MaxProbesInFlight)
            {
                inFlight.Add(ProbeOnceAsync());
            }

            await Task.WhenAny(answered.Task, timer.WaitForNextTickAsync().AsTask());
        }

        await Task.WhenAll(inFlight);
        return answered.Task.IsCompleted
            ? await answered.Task
            : throw new TimeoutException($"{what}: not within {WaitLimit.TotalSeconds} s\n" + string.Join("\n", nodes.Select(n => $"--- {n.Name} ---\n{n.Process.Output}")));

        async Task ProbeOnceAsync()
        {
            if (await probe())
            {
                answered.TrySetResult(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
            }
        }
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
