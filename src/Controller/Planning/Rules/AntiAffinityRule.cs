using Cluster.Messages;

namespace Cluster.Controller.Planning.Rules;

/// <summary>No two VMs of this group may run on the same host (replicas that must not fail together).</summary>
public sealed record AntiAffinityRule(string Name, IReadOnlySet<VmId> Vms);
