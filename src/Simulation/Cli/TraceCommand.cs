using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cluster.Simulation.Trace;
using Spectre.Console;

namespace Cluster.Simulation.Cli;

/// <summary>
/// <c>trace FILE</c>: replays one PlanetLab day through a policy and prints the CloudSim metrics.
/// Exit 0 on success, 2 on a bad argument, 1 on an unreadable or malformed trace.
/// </summary>
public static class TraceCommand
{
    public const string Usage = "usage: Cluster.Simulation trace FILE [--policy NAME] [--hosts N] [--hours H] [--output table|json] [--ram-limit]";

    /// <summary>What <c>trace --help</c> prints: the usage line and each option with its default (docs/trace-evaluation.md has more).</summary>
    public static readonly string Help = string.Join(Environment.NewLine,
        Usage,
        "",
        "Replays one PlanetLab day (a CloudSim planetlab folder of per-VM CPU files) through a policy and prints CloudSim's metrics.",
        "",
        $"  --policy NAME      one of {PolicyCatalog.ValidNames}; default lr-mmt-1.2",
        "  --hosts N          hosts in the data centre (default 800)",
        "  --hours H          replay only the first H hours, in (0, 24] (default: the whole day)",
        "  --output FORMAT    table (default) or json",
        "  --ram-limit        enforce the hosts' memory (off by default, as in CloudSim's PlanetLab runs)",
        "  -h, --help         this text",
        "",
        "Exit codes: 0 done, 1 an unreadable or malformed trace, 2 a bad argument.");

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Help);
            return 0;
        }

        var arguments = TraceArguments.Parse(args, out var error);
        if (arguments is null)
        {
            errors.WriteLine(error);
            return 2;
        }

        PlanetLabTrace trace;
        try
        {
            trace = PlanetLabTraceReader.Read(arguments.File);
        }
        catch (TraceFormatException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
        catch (IOException e)
        {
            errors.WriteLine($"{arguments.File}: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            errors.WriteLine($"{arguments.File}: {e.Message}");
            return 1;
        }

        var spec = DataCenterSpec.PlanetLab with { HostCount = arguments.Hosts };
        if (arguments.Hours is { } hours)
        {
            spec = spec with { DurationSeconds = hours * 3600 };
        }

        var policy = PolicyCatalog.Create(arguments.PolicyName, arguments.EnforceRam)!;
        var clock = Stopwatch.StartNew();
        var result = Console.IsOutputRedirected || arguments.Json
            ? TraceEvaluator.Run(trace, spec, policy)
            : RunWithProgressBar(trace, spec, policy);
        clock.Stop();
        var peakRssMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        if (arguments.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(TraceReport.From(result, clock.Elapsed.TotalSeconds, peakRssMb)));
        }
        else
        {
            WriteTable(output, result, clock.Elapsed.TotalSeconds, peakRssMb);
        }

        return 0;
    }

    private static TraceResult RunWithProgressBar(PlanetLabTrace trace, DataCenterSpec spec, IConsolidationPolicy policy)
    {
        TraceResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(policy.Name, maxValue: 1);
                result = TraceEvaluator.Run(trace, spec, policy, fraction => task.Value = fraction);
                task.Value = 1;
            });
        return result!;
    }

    private static void WriteTable(TextWriter output, TraceResult result, double wallSeconds, double peakRssMb)
    {
        var invariant = CultureInfo.InvariantCulture;
        var rows = new (string Name, string Value)[]
        {
            ("trace", Path.GetFileName(result.Trace)),
            ("policy", result.Policy),
            ("hosts / VMs", string.Create(invariant, $"{result.Hosts} / {result.Vms}")),
            ("simulated", string.Create(invariant, $"{result.SimulatedSeconds / 3600:0.##} h")),
            ("energy", string.Create(invariant, $"{result.EnergyKwh:0.00} kWh")),
            ("SLATAH", string.Create(invariant, $"{result.Slatah * 100:0.00} %")),
            ("PDM", string.Create(invariant, $"{result.Pdm * 100:0.000} %")),
            ("SLAV", string.Create(invariant, $"{result.Slav:0.00e+0}")),
            ("ESV", string.Create(invariant, $"{result.Esv:0.00e+0}")),
            ("migrations", result.Migrations.ToString("N0", invariant)),
            ("host power-offs", result.HostPowerOffs.ToString("N0", invariant)),
            ("peak host RAM", string.Create(invariant, $"{result.PeakHostRamMb} MB ({result.RamOvercommitSamples:N0} host samples over RAM)")),
            ("wall time", string.Create(invariant, $"{wallSeconds:0.00} s")),
            ("peak RSS", string.Create(invariant, $"{peakRssMb:0} MB")),
        };
        foreach (var (name, value) in rows)
        {
            output.WriteLine($"{name,-16} {value}");
        }
    }
}
