using Cluster.Messages;

namespace Cluster.Controller.Planning.Dpm;

/// <summary>
/// A power change DPM started and that is not finished: until <see cref="ReadyAt"/> the host is neither
/// a migration target nor a power-off candidate (a host coming up is not a target until it is up).
/// </summary>
public sealed record PowerOperation(HostId Host, PowerAction Action, DateTimeOffset Started, DateTimeOffset ReadyAt);
