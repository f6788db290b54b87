namespace Cluster.Simulation.Invariants;

/// <summary>Once every fault is healed, some controller runs the VRM.</summary>
public sealed class ControllerActiveWhenSettled : IInvariant
{
    public string Name => "controller-active-when-settled";

    public InvariantScope Scope => InvariantScope.WhenSettled;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Cluster.ActiveController is null ? "no controller is active" : null;
    }
}
