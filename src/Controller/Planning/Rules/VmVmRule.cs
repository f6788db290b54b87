using Cluster.Messages;

namespace Cluster.Controller.Planning.Rules;

/// <summary>
/// A VM–VM rule. Both kinds are mandatory for the planners: no plan splits an affinity group or puts
/// two VMs of an anti-affinity rule on one host. Affinity is transitive: VMs linked through several
/// affinity rules move as one unit.
/// </summary>
public sealed record VmVmRule(string Name, VmVmRuleKind Kind, IReadOnlySet<VmId> Vms);
