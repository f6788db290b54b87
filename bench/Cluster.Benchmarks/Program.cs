using Cluster.Benchmarks.Failover;

namespace Cluster.Benchmarks;

/// <summary>
/// Prints one line per figure: <c>BENCH name value unit</c>. Suites: akka [part], vrm [part], singleton [kill|leave] [runs],
/// ha, drs, journal, migration, startup [runs], or all.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var suite = args.Length > 0 ? args[0] : "all";
        // Small ratios (SLAV is about 5e-5) in scientific notation, so they do not print as 0.
        void Report(string name, double value, string unit) =>
            Console.WriteLine(value != 0 && Math.Abs(value) < 0.001
                ? FormattableString.Invariant($"BENCH {name} {value:0.###e+0} {unit}")
                : FormattableString.Invariant($"BENCH {name} {value:0.###} {unit}"));

        switch (suite)
        {
            case "vrm":
                // An optional second argument runs one part: journal, heartbeats, recovery or failover.
                await VrmBenchmarks.RunAsync(Report, args.Length > 1 ? args[1] : null);
                return 0;
            case "singleton":
                // Failover between two real controller processes; optional part (kill or leave) and runs per figure.
                var (part, runs) = SingletonArguments(args);
                await SingletonFailoverBenchmark.RunAsync(Report, part, runs);
                return 0;
            case "startup":
                // Process start until /healthz/ready answers 200, a controller and a host node; optional runs per figure.
                await StartToReadyBenchmark.RunAsync(Report, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : StartToReadyBenchmark.DefaultRuns);
                return 0;
            case "akka":
                // The Akka.NET runtime's figures: local actors, the decider journal through Akka.Persistence.Sql, remoting.
                // An optional second argument runs one part: actors, journal or remote.
                if (args.Length < 2 || args[1] == "actors")
                {
                    await AkkaActorBenchmark.RunAsync(Report);
                }

                if (args.Length < 2 || args[1] == "journal")
                {
                    await DeciderJournalBenchmark.RunAsync(Report);
                }

                if (args.Length < 2 || args[1] == "remote")
                {
                    await AkkaRemoteBenchmark.RunAsync(Report);
                }

                return 0;
            case "journal":
                // One persistent decider actor on Akka.Persistence.Sql through the Runtime.Deciders shell (issue 7).
                await DeciderJournalBenchmark.RunAsync(Report);
                return 0;
            case "ha":
                HaPlannerBenchmark.Run(Report);
                HaSimulationBenchmark.Run(Report);
                return 0;
            case "drs":
                PlannerBenchmarks.Run(Report);
                TraceBenchmarks.Run(Report);
                return 0;
            case "migration":
                // The pre-copy model over a seeded mix of 1,000 migrations and a maintenance evacuation (virtual time;
                // docs/migration-model.md), then the control plane's overhead between real processes.
                MigrationBenchmark.Run(Report);
                MaintenanceBenchmark.Run(Report);
                await MigrationControlBenchmark.RunAsync(Report);
                return 0;
            case AkkaRemoteBenchmark.ReceiverCommand when args.Length == 2:
                return await AkkaRemoteBenchmark.RunReceiverAsync(args[1]);
            case TraceBenchmarks.ChildCommand when args.Length == 3:
                return TraceBenchmarks.RunChild(args[1], args[2]);
            case "all":
                await AkkaActorBenchmark.RunAsync(Report);
                await AkkaRemoteBenchmark.RunAsync(Report);
                await VrmBenchmarks.RunAsync(Report);
                await SingletonFailoverBenchmark.RunAsync(Report, null, SingletonFailoverBenchmark.DefaultRuns);
                HaPlannerBenchmark.Run(Report);
                HaSimulationBenchmark.Run(Report);
                PlannerBenchmarks.Run(Report);
                TraceBenchmarks.Run(Report);
                MigrationBenchmark.Run(Report);
                MaintenanceBenchmark.Run(Report);
                await MigrationControlBenchmark.RunAsync(Report);
                await StartToReadyBenchmark.RunAsync(Report, StartToReadyBenchmark.DefaultRuns);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"unknown suite '{suite}'; expected one of: akka, vrm, singleton, ha, drs, journal, migration, startup, all");
                return 2;
        }
    }

    private static (string? Part, int Runs) SingletonArguments(string[] args)
    {
        var rest = args.Skip(1).ToList();
        var runs = rest.Select(a => int.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null).FirstOrDefault(n => n is not null);
        return (rest.FirstOrDefault(a => !int.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out _)), runs ?? SingletonFailoverBenchmark.DefaultRuns);
    }
}
