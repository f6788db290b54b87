using System.Diagnostics;
using System.Globalization;
using Cluster.Simulation.Dst;
using Xunit.Abstractions;

namespace Cluster.Simulation.Tests.Dst;

/// <summary>
/// Deterministic simulation testing: 500 seeds in 10 cases of 50, spread over two test classes so that
/// xunit runs them on both cores. Each seed is a random small cluster under a random fault schedule.
/// CLUSTER_DST_SEED=n runs only seed n (a failing seed prints that command); CLUSTER_DST_SEEDS=N runs N
/// seeds instead of 500.
/// </summary>
public abstract class DstTests(ITestOutputHelper output)
{
    private const int Cases = 10;

    /// <summary>The seed ranges of one of the <paramref name="parts"/> test classes.</summary>
    public static TheoryData<int, int> SeedRanges(int part, int parts)
    {
        var data = new TheoryData<int, int>();
        if (Environment.GetEnvironmentVariable(DstRunner.SeedVariable) is { Length: > 0 } one)
        {
            var seed = int.Parse(one, CultureInfo.InvariantCulture);
            // The other classes get an empty range: a theory without data would fail.
            data.Add(seed, part == 0 ? seed : seed - 1);

            return data;
        }

        var total = int.TryParse(Environment.GetEnvironmentVariable("CLUSTER_DST_SEEDS"), CultureInfo.InvariantCulture, out var n) ? n : 500;
        var per = Math.Max(1, (total + Cases - 1) / Cases);
        var index = 0;
        for (var first = 1; first <= total; first += per, index++)
        {
            if (index % parts == part)
            {
                data.Add(first, Math.Min(total, first + per - 1));
            }
        }

        return data;
    }

    protected void RunSeeds(int first, int last)
    {
        var watch = Stopwatch.StartNew();
        for (var seed = first; seed <= last; seed++)
        {
            var result = DstRunner.Run(seed);
            Assert.True(result.Passed, result.Report);
        }

        output.WriteLine($"seeds {first}..{last}: {watch.ElapsedMilliseconds} ms");
    }
}

public sealed class DstTestsPart1(ITestOutputHelper output) : DstTests(output)
{
    public static TheoryData<int, int> Ranges() => SeedRanges(0, 2);

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Seeds(int first, int last) => RunSeeds(first, last);
}

public sealed class DstTestsPart2(ITestOutputHelper output) : DstTests(output)
{
    public static TheoryData<int, int> Ranges() => SeedRanges(1, 2);

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Seeds(int first, int last) => RunSeeds(first, last);
}
