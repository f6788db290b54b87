using Cluster.HostNode.Hypervisor.Migration;

namespace Cluster.Benchmarks;

/// <summary>
/// The migration benchmark's guests, drawn from a fixed seed so every run models the same 1,000: memory uniform over
/// 1, 2, 4, …, 64 GiB (log-uniform); page-dirty rates log-normal with a median of 16 MiB/s (the default) and
/// σ = 1 (so a tenth above 58 MiB/s), except one guest in twenty, write-heavy, at a median of 1 GiB/s with σ = 0.5
/// (about as fast as the link); a 10 Gbit/s link, auto-converge on, every other parameter at its default.
/// </summary>
public static class MigrationMix
{
    public const int Seed = 20_261_202;
    public const int Count = 1000;

    private static readonly long[] MemoryGib = [1, 2, 4, 8, 16, 32, 64];
    private const double WriteHeavyShare = 0.05;

    public static IReadOnlyList<PreCopyParameters> Draw()
    {
        var random = new Random(Seed);
        return Enumerable.Range(0, Count).Select(_ =>
        {
            var memoryMib = MemoryGib[random.Next(MemoryGib.Length)] * 1024;
            var dirty = random.NextDouble() < WriteHeavyShare ? LogNormal(random, 1024, 0.5) : LogNormal(random, PreCopyParameters.DefaultDirtyRateMibPerSecond, 1);
            return new PreCopyParameters(memoryMib, dirty) { AutoConverge = AutoConverge.On };
        }).ToList();
    }

    // Box–Muller: the generator's uniform draws turned into one normal draw.
    private static double LogNormal(Random random, double median, double sigma)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return median * Math.Exp(sigma * normal);
    }
}
