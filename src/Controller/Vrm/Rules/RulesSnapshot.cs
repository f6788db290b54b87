using Cluster.Messages;

namespace Cluster.Controller.Vrm.Rules;

/// <summary>The rule inventory in a VRM snapshot.</summary>
public sealed record RulesSnapshot(IReadOnlyList<VmGroupSaved> VmGroups, IReadOnlyList<HostGroupSaved> HostGroups, IReadOnlyList<RuleCreated> Rules);
