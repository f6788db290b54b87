using Cluster.Controller.Vrm;
using Cluster.Simulation;

namespace Cluster.Benchmarks;

/// <summary>The controller's figures: journal throughput, heartbeats into the VRM, recovery and failover.</summary>
public static class VrmBenchmarks
{
    private const int RecoveryHosts = 100;
    private const int RecoveryVmsPerHost = 100;
    private const int RecoveryEvents = 100_000;

    /// <summary>Runs every part, or only the one named by <paramref name="only"/> (journal, heartbeats, recovery, failover, otel).</summary>
    public static async Task RunAsync(Action<string, double, string> report, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (only is not (null or "journal" or "heartbeats" or "recovery" or "failover" or "otel"))
        {
            throw new ArgumentException($"unknown part '{only}'; expected journal, heartbeats, recovery, failover or otel", nameof(only));
        }

        if (only is null or "journal")
        {
            await DeciderJournalBenchmark.RunAsync(report);
        }

        if (only is null or "heartbeats" or "recovery" or "otel")
        {
            await AkkaVrmBenchmarks.RunAsync(report, only);
        }

        if (only is null or "failover")
        {
            Failover(report);
        }
    }

    /// <summary>CLUSTER_BENCH_PG, else CLUSTER_TEST_PG (what scripts/with-postgres.sh sets); null (and a note on stderr) if neither.</summary>
    internal static string? PostgresConnectionString(string figures = "journal.postgres.events_per_s")
    {
        foreach (var name in new[] { "CLUSTER_BENCH_PG", "CLUSTER_TEST_PG" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        Console.Error.WriteLine($"{figures} skipped: neither CLUSTER_BENCH_PG nor CLUSTER_TEST_PG is set (scripts/bench.sh runs the suite with a throw-away PostgreSQL)");
        return null;
    }

    /// <summary>
    /// Deterministic, in virtual time: two controllers and three hosts on the simulated dispatcher; the
    /// active controller crashes, and the figure is the virtual time until the standby's VRM answers (virtual
    /// milliseconds, though the unit printed is "ms": no wall clock is involved).
    /// </summary>
    private static void Failover(Action<string, double, string> report)
    {
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = 1,
            Controllers = 2,
            Hosts = [.. Enumerable.Range(1, 3).Select(i => SimulatedHostSpec.Standard($"host-{i}", "ds-1"))],
            Datastores = ["ds-1"],
        });
        cluster.Advance(TimeSpan.FromSeconds(10));
        var oldActive = cluster.ActiveController ?? throw new InvalidOperationException("no active controller after 10 s");
        var oldEpoch = cluster.Ask<LeaderInfo>(new GetLeader()).Epoch;

        cluster.CrashController(oldActive);
        var crashedAt = cluster.Now;
        while (cluster.ActiveController is null)
        {
            if (cluster.Now - crashedAt > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException("no standby took over within a minute of virtual time");
            }

            cluster.Advance(TimeSpan.FromMilliseconds(10));
        }

        var leader = cluster.Ask<LeaderInfo>(new GetLeader());
        if (leader.Epoch <= oldEpoch || leader.Holder == oldActive)
        {
            throw new InvalidOperationException($"after failover the leader is {leader.Holder} with epoch {leader.Epoch}");
        }

        report("vrm.failover_ms", (cluster.Now - crashedAt).TotalMilliseconds, "ms");
    }
}
