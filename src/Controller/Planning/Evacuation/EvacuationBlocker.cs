using Cluster.Messages;

namespace Cluster.Controller.Planning.Evacuation;

/// <summary>A VM that cannot leave the host, and why: the rule or constraint every other host fails.</summary>
public sealed record EvacuationBlocker(VmId Vm, string Reason)
{
    public override string ToString() => $"{Vm}: {Reason}";
}
