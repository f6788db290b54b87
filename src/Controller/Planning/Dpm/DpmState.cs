using Cluster.Messages;

namespace Cluster.Controller.Planning.Dpm;

/// <summary>
/// What DPM remembers between passes: power operations in flight, since when each host has been below
/// the band, and since when demand has been above it (the hysteresis windows count from these).
/// </summary>
public sealed record DpmState(
    IReadOnlyList<PowerOperation> InFlight,
    IReadOnlyDictionary<HostId, DateTimeOffset> BelowBandSince,
    DateTimeOffset? AboveBandSince)
{
    public static DpmState Initial { get; } = new([], new Dictionary<HostId, DateTimeOffset>(), null);

    /// <summary>Hosts powering on or off at <paramref name="now"/>: pass them to DRS as unavailable.</summary>
    public IReadOnlySet<HostId> HostsInTransition(DateTimeOffset now) => InFlight.Where(op => op.ReadyAt > now).Select(op => op.Host).ToHashSet();
}
