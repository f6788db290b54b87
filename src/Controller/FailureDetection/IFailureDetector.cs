namespace Cluster.Controller.FailureDetection;

/// <summary>
/// Judges one monitored host from its heartbeats. Time is always passed in (from the actor's TimeProvider), so the
/// detectors are pure and deterministic. Not thread-safe: each is owned by one actor. A detector that has never seen
/// a heartbeat reports the host available, as Akka's do: registration, not silence, starts the monitoring.
/// </summary>
public interface IFailureDetector
{
    void Heartbeat(DateTimeOffset now);

    bool IsAvailable(DateTimeOffset now);
}
