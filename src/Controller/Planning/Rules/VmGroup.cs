using Cluster.Messages;

namespace Cluster.Controller.Planning.Rules;

/// <summary>A named set of VMs that VM–host rules refer to.</summary>
public sealed record VmGroup(string Name, IReadOnlySet<VmId> Vms);
