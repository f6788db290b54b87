using Cluster.Controller.FailureDetection;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Hosts;

/// <summary>
/// What this VRM knows of one host since it took over, beside the inventory's persisted record: who it is on the
/// network, when it was last heard, its failure detector, and its last reported usage and datastore health. Lost on
/// failover by design: a new VRM hears every host afresh. Mutable, so a heartbeat updates it without allocating.
/// </summary>
public sealed class HostSession(HostId host, IFailureDetector detector)
{
    public HostId HostId => host;

    /// <summary>The host's agent, once it registered or heartbeated to this VRM; commands go there.</summary>
    public Peer? Peer { get; set; }

    public IFailureDetector Detector => detector;

    /// <summary>When the host was last heard (a heartbeat, a registration, or this VRM's start, which gives a full window).</summary>
    public DateTimeOffset LastHeard { get; private set; }

    /// <summary>When its last heartbeat arrived; null until one does (a start alone is not a heartbeat).</summary>
    public DateTimeOffset? LastHeartbeat { get; set; }

    /// <summary>Usage from its last heartbeat.</summary>
    public Resources? Used { get; set; }

    /// <summary>Datastore health from its last heartbeat that carried any.</summary>
    public IReadOnlyList<DatastoreHealth>? DatastoreHealth { get; set; }

    public void Heard(DateTimeOffset now)
    {
        LastHeard = now;
        detector.Heartbeat(now);
    }
}
