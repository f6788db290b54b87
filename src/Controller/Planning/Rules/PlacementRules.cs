namespace Cluster.Controller.Planning.Rules;

/// <summary>The operator's placement rules that every planner honours, HA included.</summary>
public sealed record PlacementRules(IReadOnlyList<VmHostMustRule> MustRules, IReadOnlyList<AntiAffinityRule> AntiAffinityRules)
{
    public static PlacementRules None { get; } = new([], []);
}
