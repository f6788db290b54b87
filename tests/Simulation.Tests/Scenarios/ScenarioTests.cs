using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Tests.Scenarios;

/// <summary>Every folder of tests/Scenarios is one test: its log must equal expected.log, and no VM may run twice.</summary>
public sealed class ScenarioTests
{
    private static readonly string Root = ScenarioSuite.FindRoot(AppContext.BaseDirectory);

    public static TheoryData<string> Scenarios() => [.. ScenarioSuite.Names(Root)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario(string name)
    {
        var check = ScenarioSuite.Check(Root, name);
        Assert.True(check.Passed, $"scenario {name}:\n{check.Report}");
    }
}
