namespace Cluster.Controller.Singleton;

/// <summary>
/// Asked of the controller singleton on a graceful shutdown: stop the VRM, and once it has stopped give the
/// lease back, so a standby takes over at its next try instead of waiting out the TTL.
/// </summary>
public sealed record StepDown;

/// <summary>The singleton has stopped acting; <see cref="LeaseReleased"/> says whether it held the lease and gave it back.</summary>
public sealed record SteppedDown(bool LeaseReleased);
