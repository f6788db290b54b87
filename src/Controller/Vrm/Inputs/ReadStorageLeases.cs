namespace Cluster.Controller.Vrm;

/// <summary>
/// The effect HA asks for before restarting anything: read the candidates' storage write-leases. The runtime
/// runs it (<see cref="StorageLeaseReader"/>) and feeds the <see cref="LeasesChecked"/> answer back as an input.
/// </summary>
public sealed record ReadStorageLeases(IReadOnlyList<HaCandidate> Candidates);
