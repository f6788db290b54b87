using Cluster.Messages;

namespace Cluster.Controller.Planning.Rules;

/// <summary>
/// The VMs of this rule must run on one of its hosts (licensing, hardware passthrough). A VM under
/// several must rules may only use hosts that every one of them allows.
/// </summary>
public sealed record VmHostMustRule(string Name, IReadOnlySet<VmId> Vms, IReadOnlySet<HostId> Hosts);
