namespace Cluster.Deciders.Testing;

/// <summary>The virtual time of decider tests: instants are seconds after <see cref="T0"/>, which every harness starts at.</summary>
public static class TestClock
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);
}
