namespace Cluster.Simulation.World;

/// <summary>
/// The world's one source of chance (drops, duplicates, delays): SplitMix64, whose sequence is fixed by the seed on
/// every machine and runtime, which System.Random's is not (BannedSymbols.txt bans it outside the benchmarks).
/// </summary>
public sealed class SimRandom(int seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = unchecked((ulong)seed * Gamma) ^ 0x5851F42D4C957F2DUL;

    public ulong NextUInt64()
    {
        _state += Gamma;
        var mixed = (_state ^ (_state >> 30)) * 0xBF58476D1CE4E5B9UL;
        mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBUL;
        return mixed ^ (mixed >> 31);
    }

    /// <summary>Uniform in [0, 1): the top 53 bits, as many as a double holds exactly.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;
}
