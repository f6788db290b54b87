using System.Diagnostics;
using Cluster.HostNode.Hypervisor.Migration;

namespace Cluster.Benchmarks;

/// <summary>
/// 1,000 live migrations of <see cref="MigrationMix"/> through the pre-copy model, in virtual time: the downtime and
/// total-time percentiles the model predicts for the mix, how many did not converge or were throttled, and how
/// long the model takes per migration on the wall clock.
/// </summary>
public static class MigrationBenchmark
{
    private const int TimedRounds = 50;

    // Long enough for tiered JIT to replace tier-0 code, as in the HA planner benchmark.
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);

    public static void Run(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var mix = MigrationMix.Draw();
        var results = mix.Select(PreCopyModel.Run).ToList();
        var converged = results.Where(r => r.Converged).ToList();

        report("migration.sim.downtime_p50_ms", Percentile(converged.Select(r => r.Downtime!.Value.TotalMilliseconds), 50), "ms");
        report("migration.sim.downtime_p99_ms", Percentile(converged.Select(r => r.Downtime!.Value.TotalMilliseconds), 99), "ms");
        report("migration.sim.total_p50_s", Percentile(results.Select(r => r.TotalTime.TotalSeconds), 50), "s");
        report("migration.sim.total_p99_s", Percentile(results.Select(r => r.TotalTime.TotalSeconds), 99), "s");
        report("migration.sim.passes_p99", Percentile(results.Select(r => (double)r.Passes.Count), 99), "passes");
        report("migration.sim.multi_pass_share", results.Count(r => r.Passes.Count > 1) / (double)results.Count, "share");
        report("migration.sim.non_converged_share", 1 - ((double)converged.Count / results.Count), "share");
        report("migration.sim.throttled_share", results.Count(r => r.FinalThrottlePercent > 0) / (double)results.Count, "share");
        report("migration.sim.throttle_max_percent", results.Max(r => r.FinalThrottlePercent), "%");
        report("migration.sim.model_us_per_migration", TimeModel(mix), "us");
    }

    private static double TimeModel(IReadOnlyList<PreCopyParameters> mix)
    {
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < WarmupTime)
        {
            RunAll(mix);
        }

        var stopwatch = Stopwatch.StartNew();
        for (var round = 0; round < TimedRounds; round++)
        {
            RunAll(mix);
        }

        return stopwatch.Elapsed.TotalMicroseconds / (TimedRounds * mix.Count);
    }

    private static void RunAll(IReadOnlyList<PreCopyParameters> mix)
    {
        foreach (var parameters in mix)
        {
            PreCopyModel.Run(parameters);
        }
    }

    // Nearest rank: a figure one of the migrations really had.
    private static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(percent / 100 * sorted.Count) - 1)];
    }
}
