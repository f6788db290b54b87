namespace Cluster.Messages;

/// <summary>A VM's virtual network adapter: the network (port group) it connects to.</summary>
public sealed record VmNic(string Network);
