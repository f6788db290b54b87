using Cluster.Messages;

namespace Cluster.Controller.Planning.Rules;

/// <summary>A named set of hosts that VM–host rules refer to (e.g. "licensed-oracle", "rack-a").</summary>
public sealed record HostGroup(string Name, IReadOnlySet<HostId> Hosts);
