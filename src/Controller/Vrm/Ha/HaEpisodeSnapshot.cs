using Cluster.Messages;

namespace Cluster.Controller.Vrm.Ha;

/// <summary>The part of an HA episode that the journal determines, kept in the VRM's snapshot so that a VRM recovered from it resumes the same budget.</summary>
public sealed record HaEpisodeSnapshot(VmId VmId, HaPhase Phase, int Attempt);
