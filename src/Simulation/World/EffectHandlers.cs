namespace Cluster.Simulation.World;

/// <summary>The world's effect handlers by effect type; an effect finds the handler of its own type or the nearest base type.</summary>
internal sealed class EffectHandlers
{
    private readonly Dictionary<Type, Func<object, SimAddress, EffectResult>> _byType = [];

    public void Add<TEffect>(Func<TEffect, SimAddress, EffectResult> handler)
        where TEffect : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        _byType[typeof(TEffect)] = (effect, address) => handler((TEffect)effect, address);
    }

    public EffectResult Run(object effect, SimAddress by)
    {
        for (var type = effect.GetType(); type is not null; type = type.BaseType)
        {
            if (_byType.TryGetValue(type, out var handler))
            {
                return handler(effect, by);
            }
        }

        throw new InvalidOperationException($"{by} ran a {effect.GetType().Name} but the world has no handler for it (HandleEffect)");
    }
}
