namespace Cluster.Controller.Tests.Planning;

/// <summary>
/// A tiny seeded generator (SplitMix64) for randomized tests: the same seed gives the same cases on
/// every machine and runtime, so a failing seed reproduces. (BannedSymbols.txt bans System.Random here.)
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>) (modulo bias is irrelevant here).</summary>
    public int Below(int maxExclusive) => (int)(Next() % (ulong)maxExclusive);

    public int Between(int min, int maxInclusive) => min + Below(maxInclusive - min + 1);

    public bool Chance(int percent) => Below(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
}
