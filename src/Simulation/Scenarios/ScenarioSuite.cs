using System.Text;

namespace Cluster.Simulation.Scenarios;

/// <summary>The outcome of one scenario against its expected.log; <see cref="Report"/> says what to look at.</summary>
public sealed record ScenarioCheck(bool Passed, string Report);

/// <summary>
/// The scenario suite in tests/Scenarios: one folder per scenario (cluster.yaml, commands.txt, README.md,
/// expected.log). A missing or different expected.log makes the produced log appear as expected.log.new
/// beside it, for review (copy it over expected.log once it reads right).
/// </summary>
public static class ScenarioSuite
{
    public const string ExpectedFileName = "expected.log";
    public const string ProducedFileName = "expected.log.new";

    /// <summary>tests/Scenarios, found by walking up from <paramref name="start"/> (e.g. the test assembly's folder).</summary>
    public static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Scenarios");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no tests/Scenarios folder above {start}");
    }

    /// <summary>The scenario folders' names, sorted.</summary>
    public static IReadOnlyList<string> Names(string root) =>
        [.. Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, ScenarioRunner.CommandsFileName)))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)];

    /// <summary>A log as expected.log holds it.</summary>
    public static string LogFileText(IReadOnlyList<string> log) => string.Join('\n', log) + "\n";

    public static ScenarioCheck Check(string root, string name)
    {
        var folder = Path.Combine(root, name);
        var result = ScenarioRunner.RunFolder(folder);
        var report = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            report.AppendLine($"invariant broken: {violation}");
        }

        var expectedPath = Path.Combine(folder, ExpectedFileName);
        var producedPath = Path.Combine(folder, ProducedFileName);
        var produced = LogFileText(result.Log);
        if (!File.Exists(expectedPath))
        {
            File.WriteAllText(producedPath, produced);
            report.AppendLine($"{expectedPath} is missing: the produced log is in {producedPath}; review it line by line and rename it to {ExpectedFileName}");
            return new ScenarioCheck(false, report.ToString());
        }

        var expected = File.ReadAllText(expectedPath).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        if (!expected.SequenceEqual(result.Log))
        {
            File.WriteAllText(producedPath, produced);
            report.AppendLine($"the log differs from {expectedPath} (produced log written to {producedPath}):");
            report.Append(LineDiff.Unified(expected, result.Log));
            return new ScenarioCheck(false, report.ToString());
        }

        if (File.Exists(producedPath))
        {
            File.Delete(producedPath);
        }

        return new ScenarioCheck(result.Violations.Count == 0, report.ToString());
    }
}
