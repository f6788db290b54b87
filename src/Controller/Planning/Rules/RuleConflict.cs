namespace Cluster.Controller.Planning.Rules;

/// <summary>Why a rule is refused: the rule (or group) at fault and what it conflicts with.</summary>
public sealed record RuleConflict(string Rule, string Reason)
{
    public override string ToString() => $"{Rule}: {Reason}";
}
