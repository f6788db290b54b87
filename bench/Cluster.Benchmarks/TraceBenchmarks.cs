using System.Diagnostics;
using System.Globalization;
using Cluster.Simulation.Trace;

namespace Cluster.Benchmarks;

/// <summary>
/// The trace evaluator's figures for the drs suite: CloudSim 3.0.3's PlanetLab metrics for
/// ours, lr-mmt-1.2, iqr-mmt-1.5 and npa on the three shared days, and what replaying one day of ours costs (wall
/// time and peak RSS of a separate process, so the other runs' memory does not count). Data from
/// PLANETLAB_DATA_DIR, else ../shared/data/planetlab next to the repository.
/// </summary>
public static class TraceBenchmarks
{
    public const string ChildCommand = "trace-day";
    private static readonly string[] Days = ["20110303", "20110306", "20110309"];
    private static readonly string[] Policies = ["ours", "lr-mmt-1.2", "iqr-mmt-1.5", "npa"];

    /// <summary>The policy whose one-day cost is reported: the project's own.</summary>
    private const string CostPolicy = "ours";

    public static void Run(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dataDir = DataDirectory();
        foreach (var day in Days)
        {
            var trace = PlanetLabTraceReader.Read(Path.Combine(dataDir, day + ".txt"));
            foreach (var name in Policies)
            {
                var result = TraceEvaluator.Run(trace, DataCenterSpec.PlanetLab, PolicyCatalog.Create(name)!);
                report($"trace.{name}.{day}.energy_kwh", result.EnergyKwh, "kWh");
                report($"trace.{name}.{day}.slav", result.Slav, "ratio");
                report($"trace.{name}.{day}.migrations", result.Migrations, "count");
            }
        }

        var (seconds, rssMb) = MeasureDayInChild(Path.Combine(dataDir, Days[0] + ".txt"));
        report("trace.planetlab_day_s", seconds, "s");
        report("trace.planetlab_day_rss_mb", rssMb, "MB");
    }

    /// <summary>Child side: read the day, replay it, print wall seconds (read + replay) and peak RSS.</summary>
    public static int RunChild(string file, string policy)
    {
        var clock = Stopwatch.StartNew();
        var trace = PlanetLabTraceReader.Read(file);
        TraceEvaluator.Run(trace, DataCenterSpec.PlanetLab, PolicyCatalog.Create(policy)!);
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds} {PeakRssMb()}"));
        return 0;
    }

    private static (double Seconds, double RssMb) MeasureDayInChild(string file)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(TraceBenchmarks).Assembly.Location);
        }

        foreach (var arg in new[] { ChildCommand, file, CostPolicy })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the trace child");
        var line = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        var parts = line.Split(' ');
        if (child.ExitCode != 0 || parts.Length != 2)
        {
            throw new InvalidOperationException($"trace child failed ({child.ExitCode}): {line}");
        }

        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>VmHWM (peak resident set) from /proc on Linux; the runtime's peak working set elsewhere.</summary>
    private static double PeakRssMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return double.Parse(kb, CultureInfo.InvariantCulture) / 1024;
                }
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    private static string DataDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("PLANETLAB_DATA_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "planetlab"));
                }
            }
        }

        throw new DirectoryNotFoundException("PlanetLab data not found: set PLANETLAB_DATA_DIR");
    }
}
