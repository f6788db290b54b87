namespace Cluster.Simulation.World;

/// <summary>
/// What an effect handler answers: the input to feed back to the decider that ran the effect (none if null),
/// and after how long, so slow storage or a slow hypervisor can be modelled. Zero delay feeds it back at the same
/// virtual instant, before any other delivery.
/// </summary>
public readonly record struct EffectResult(object? Input, TimeSpan Delay)
{
    public static readonly EffectResult Nothing = new(null, TimeSpan.Zero);

    public static EffectResult Now(object? input) => new(input, TimeSpan.Zero);

    public static EffectResult After(TimeSpan delay, object input) => new(input, delay);
}
