using Cluster.Messages;

namespace Cluster.Controller.Planning.Placement;

/// <summary>
/// The chosen host, or none; and, either way, every reason each refused host gave, so an operator
/// sees why a VM landed where it did or why it landed nowhere.
/// </summary>
public sealed record PlacementResult(HostId? Host, IReadOnlyList<HostRefusal> Refusals)
{
    public bool IsPlaced => Host is not null;
}
