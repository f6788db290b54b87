using Cluster.Controller.Planning.Drs;
using Cluster.Messages;

namespace Cluster.Controller.Planning.Dpm;

/// <summary>
/// Power a host on or off, with the reason; for a power-off, the migrations that empty it first (run
/// them, then power off). <see cref="ReadyAt"/> is when the host is expected to be up, or off.
/// </summary>
public sealed record PowerRecommendation(
    HostId Host,
    PowerAction Action,
    PowerReason Reason,
    string Detail,
    IReadOnlyList<MigrationRecommendation> Evacuation,
    DateTimeOffset ReadyAt,
    bool Automatic)
{
    public override string ToString() => $"{Action} {Host} ({Reason}: {Detail})";
}
