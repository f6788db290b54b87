using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs;

/// <summary>A should rule a plan had to break for a VM on a host, and why (a must rule or capacity left no compliant host).</summary>
public sealed record RuleBend(string Rule, VmId Vm, HostId Host, string Reason)
{
    public override string ToString() => $"{Rule} bent for {Vm} on {Host}: {Reason}";
}
