using Cluster.Messages;

namespace Cluster.Controller.Planning.Placement;

/// <summary>One reason one host cannot take a VM, with the figures an operator needs.</summary>
public sealed record HostRefusal(HostId Host, RefusalReason Reason, string Detail)
{
    public override string ToString() => $"{Host}: {Reason} ({Detail})";
}
