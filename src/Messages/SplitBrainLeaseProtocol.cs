namespace Cluster.Messages;

// Host nodes -> a controller's split-brain lease broker. Akka's resolver lets the leader of each side of a partition
// decide, and the leader may be a host, which has no access to the controller database; so a host asks a controller
// on its side to take (or give back) the resolver's lease row for it, and every side competes for the same row.

/// <summary>Take, or with <paramref name="Release"/> give back, the lease <paramref name="LeaseName"/> for <paramref name="Owner"/>.</summary>
public sealed record SplitBrainLeaseRequest(string LeaseName, string Owner, bool Release) : IWireMessage;

/// <summary>Whether the row is now held (or was released) for the owner; <paramref name="Problem"/> says why not when the database failed.</summary>
public sealed record SplitBrainLeaseAnswer(bool Granted, string? Problem = null) : IWireMessage;
