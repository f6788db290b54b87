using Cluster.Simulation.Dst;
using Cluster.Simulation.Invariants;
using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Tests.Dst;

/// <summary>A failing seed writes a scenario folder that the scenario runner replays, violations and log alike.</summary>
public sealed class DstFailureFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dst-failures-").FullName;

    private string Failures => Path.Combine(_root, "failures");

    /// <summary>A test-only invariant that breaks as soon as any host is down, so a seed that crashes a host fails.</summary>
    private sealed class NoHostIsDown : IInvariant
    {
        public string Name => "no-host-is-down";

        public InvariantScope Scope => InvariantScope.EveryStep;

        public string? Check(InvariantContext context)
        {
            var down = context.Cluster.Options.Hosts.Where(h => !context.Cluster.World.IsUp(h.HostId.Value)).Select(h => h.HostId.Value).ToList();
            return down.Count == 0 ? null : $"{string.Join(", ", down)} down";
        }
    }

    private static IReadOnlyList<IInvariant> WithNoHostIsDown() => [.. ClusterInvariants.Create(), new NoHostIsDown()];

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void A_failing_seed_writes_a_folder_whose_replay_breaks_the_same_invariant_at_the_same_times()
    {
        var seed = Enumerable.Range(1, 50).First(s => DstPlan.Generate(s).Actions.Any(a => a.Verb == "crash"));

        var result = DstRunner.Run(seed, new DstOptions { FailureDirectory = Failures, Invariants = WithNoHostIsDown });

        Assert.False(result.Passed);
        Assert.All(result.Violations, v => Assert.Equal("no-host-is-down", v.Invariant));
        var folder = Path.Combine(Failures, DstFailureFolder.NameFor(seed));
        Assert.Contains(folder, result.Report, StringComparison.Ordinal);

        var replay = ScenarioRunner.RunFolder(folder, WithNoHostIsDown());

        Assert.Equal(result.Violations, replay.Violations);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, ScenarioSuite.ExpectedFileName)), ScenarioSuite.LogFileText(replay.Log));
    }

    [Fact]
    public void The_readme_names_the_seed_and_the_broken_invariant()
    {
        var seed = Enumerable.Range(1, 50).First(s => DstPlan.Generate(s).Actions.Any(a => a.Verb == "crash"));

        DstRunner.Run(seed, new DstOptions { FailureDirectory = Failures, Invariants = WithNoHostIsDown });

        var readme = File.ReadAllText(Path.Combine(Failures, DstFailureFolder.NameFor(seed), DstFailureFolder.ReadmeFileName));
        Assert.StartsWith($"DST seed {seed} broke no-host-is-down,", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passing_seed_writes_nothing()
    {
        var result = DstRunner.Run(1, new DstOptions { FailureDirectory = Failures });

        Assert.True(result.Passed, result.Report);
        Assert.False(Directory.Exists(Failures));
    }
}
