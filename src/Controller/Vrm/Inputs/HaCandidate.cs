using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>A VM HA considers, as it was when its lease read was asked for (the answer is checked against it).</summary>
public sealed record HaCandidate(VmId VmId, long Incarnation, HostId Host, DatastoreId Datastore, HaCandidateKind Kind);
