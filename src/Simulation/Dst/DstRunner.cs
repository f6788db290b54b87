using Cluster.Simulation.Invariants;
using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Dst;

/// <summary>The outcome of one seed: the invariants it broke (empty when none) and, on failure, the whole story.</summary>
public sealed record DstResult(int Seed, IReadOnlyList<InvariantViolation> Violations, string Report)
{
    public bool Passed => Violations.Count == 0;
}

/// <summary>
/// Runs one seed: its plan (<see cref="DstPlan"/>) written as a scenario (<see cref="DstScenario"/>), its command lines
/// read back by the scenario parser and carried out by the scenario runner with every invariant of <see cref="ClusterInvariants"/>
/// checked after every step and where the commands expect the cluster to have settled. A failing seed is run again
/// with its log (the run is deterministic) and written out as a scenario folder (<see cref="DstFailureFolder"/>).
/// </summary>
public static class DstRunner
{
    public const string SeedVariable = "CLUSTER_DST_SEED";

    /// <summary>The command that replays one seed.</summary>
    public static string ReplayCommand(int seed) =>
        $"{SeedVariable}={seed} dotnet test tests/Simulation.Tests --filter \"FullyQualifiedName~DstTests\"";

    public static DstResult Run(int seed) => Run(seed, new DstOptions());

    public static DstResult Run(int seed, DstOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenario = DstScenario.From(DstPlan.Generate(seed));
        var definition = scenario.Cluster;
        var commands = CommandFile.Parse(scenario.Commands, ScenarioRunner.CommandsFileName, definition);

        // Nobody reads the log of a passing seed, so it is only kept for the second run of a failing one.
        var result = ScenarioRunner.Run(definition, commands, options.Invariants(), recordLog: false);
        if (result.Violations.Count == 0)
        {
            return new DstResult(seed, [], "");
        }

        var logged = ScenarioRunner.Run(definition, commands, options.Invariants());
        var folder = DstFailureFolder.Write(options.ResolvedFailureDirectory, scenario, logged);
        var report = $"seed {seed} broke:\n  {string.Join("\n  ", logged.Violations.Take(10))}\n"
            + $"replay: {ReplayCommand(seed)}\n"
            + $"scenario written to {folder} (copy it into tests/Scenarios to keep it as a regression test)\n"
            + $"{ScenarioRunner.ClusterFileName}:\n{scenario.ClusterYaml}\n{ScenarioRunner.CommandsFileName}:\n{scenario.Commands}\n"
            + $"event log:\n{string.Join('\n', logged.Log)}";
        return new DstResult(seed, logged.Violations, report);
    }
}
