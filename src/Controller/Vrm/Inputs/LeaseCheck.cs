using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Vrm;

/// <summary>One candidate's storage lease as read: the lease (null if none is held), or why it could not be read.</summary>
public sealed record LeaseCheck(HaCandidate Candidate, StorageLease? Lease, string? Error);
