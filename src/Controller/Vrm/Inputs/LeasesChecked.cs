namespace Cluster.Controller.Vrm;

/// <summary>The input that answers <see cref="ReadStorageLeases"/>: one check per candidate, in order.</summary>
public sealed record LeasesChecked(IReadOnlyList<LeaseCheck> Checks);
