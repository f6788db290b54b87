using Cluster.Simulation.Invariants;

namespace Cluster.Simulation.Scenarios;

/// <summary>What a scenario produced: its log, and the invariants it broke (empty when none).</summary>
public sealed record ScenarioResult(IReadOnlyList<string> Log, IReadOnlyList<InvariantViolation> Violations);

/// <summary>Reads and runs scenarios (<see cref="ScenarioExecutor"/> carries out the commands).</summary>
public static class ScenarioRunner
{
    public const string ClusterFileName = "cluster.yaml";
    public const string CommandsFileName = "commands.txt";

    /// <summary>
    /// Reads and runs the scenario in <paramref name="folder"/> against <paramref name="invariants"/> (default: all of
    /// <see cref="ClusterInvariants"/>); bad input throws <see cref="ScenarioFormatException"/>.
    /// </summary>
    public static ScenarioResult RunFolder(string folder, IReadOnlyList<IInvariant>? invariants = null)
    {
        var clusterPath = Path.Combine(folder, ClusterFileName);
        var commandsPath = Path.Combine(folder, CommandsFileName);
        var definition = ClusterFile.Parse(ReadFile(clusterPath), clusterPath);
        var commands = CommandFile.Parse(ReadFile(commandsPath), commandsPath, definition);
        return Run(definition, commands, invariants);
    }

    /// <summary>Runs parsed commands; <c>recordLog: false</c> keeps no log, for a run nobody reads (a randomized run that passes).</summary>
    public static ScenarioResult Run(ScenarioCluster definition, IReadOnlyList<ScenarioCommand> commands, IReadOnlyList<IInvariant>? invariants = null, bool recordLog = true)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(commands);
        return new ScenarioExecutor(definition, invariants ?? ClusterInvariants.Create(), recordLog).Run(commands);
    }

    private static string ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new ScenarioFormatException(path, 0, "file is missing");
}
