namespace Cluster.Messages;

/// <summary>A VM's stay on one host: placed there at <paramref name="Since"/> (unknown for journals older than the field) under an incarnation.</summary>
public sealed record HostVisit(HostId Host, long Incarnation, DateTimeOffset? Since);
