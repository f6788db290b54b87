using System.Text;
using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Dst;

/// <summary>
/// Writes a failing seed as a scenario folder (cluster.yaml, commands.txt, README.md, expected.log), ready to be copied
/// into tests/Scenarios as its regression test.
/// </summary>
public static class DstFailureFolder
{
    public const string ReadmeFileName = "README.md";

    /// <summary>The folder's name for <paramref name="seed"/>.</summary>
    public static string NameFor(int seed) => $"dst-seed-{seed}";

    /// <returns>The folder written.</returns>
    public static string Write(string directory, DstScenario scenario, ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        var folder = Path.Combine(directory, NameFor(scenario.Seed));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ScenarioRunner.ClusterFileName), scenario.ClusterYaml);
        File.WriteAllText(Path.Combine(folder, ScenarioRunner.CommandsFileName), scenario.Commands);
        File.WriteAllText(Path.Combine(folder, ScenarioSuite.ExpectedFileName), ScenarioSuite.LogFileText(result.Log));
        File.WriteAllText(Path.Combine(folder, ReadmeFileName), Readme(scenario.Seed, result));
        return folder;
    }

    private static string Readme(int seed, ScenarioResult result)
    {
        var broken = result.Violations.Select(v => v.Invariant).Distinct();
        var text = new StringBuilder()
            .Append($"DST seed {seed} broke {string.Join(", ", broken)}, as the run written here shows (DstRunner wrote this folder; ")
            .Append($"replay the seed with `{DstRunner.ReplayCommand(seed)}`).\n\n")
            .Append("First violations:\n\n");
        foreach (var violation in result.Violations.Take(10))
        {
            text.Append($"- {violation}\n");
        }

        return text
            .Append("\nTo keep it as a regression test, copy this folder into tests/Scenarios under a name that says what it caught, ")
            .Append("and replace this README with one line saying so. Its expected.log is the failing run's, so the scenario fails ")
            .Append("on the violations until the bug is fixed; then it fails on the changed log: review expected.log.new and rename it to expected.log.\n")
            .ToString();
    }
}
