namespace Cluster.Runtime.Leases;

/// <summary>One lease row: who holds it, in which tenure (the epoch, our fencing token) and until when.</summary>
public sealed record LeaseRow(string Name, string Holder, long Epoch, DateTimeOffset ExpiresAt);
