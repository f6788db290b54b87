using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs;

/// <summary>
/// Where DRS would power a new VM on: the host (or none, with the reason), whether the automation level
/// applies it without an operator, and any should rule it had to bend.
/// </summary>
public sealed record InitialPlacement(HostId? Host, bool Automatic, IReadOnlyList<RuleBend> Bends, string Reason)
{
    public bool IsPlaced => Host is not null;
}
