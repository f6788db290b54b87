namespace Cluster.Simulation.Dst;

/// <summary>
/// The randomized runs' generator: SplitMix64, so a seed gives the same cluster and fault schedule on every
/// machine and runtime (BannedSymbols.txt bans System.Random outside the benchmarks, and its sequence is not a contract).
/// </summary>
public sealed class DstRandom(int seed)
{
    private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 0xD1B54A32D192ED03UL;

    public int Below(int bound)
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = (_state ^ (_state >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) % (ulong)bound);
    }

    public int Between(int min, int max) => min + Below(max - min + 1);

    public bool Percent(int chance) => Below(100) < chance;

    public double Fraction(double max) => Below(1001) / 1000.0 * max;

    public TimeSpan Seconds(int min, int max) => TimeSpan.FromSeconds(Between(min, max));

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
}
