using Cluster.Messages;

namespace Cluster.Controller.Planning.HaRestart;

/// <summary>A VM to start on a target host, in plan order (the order to send the StartVm commands).</summary>
public sealed record PlannedRestart(VmId VmId, HostId TargetHost, RestartPriority Priority, int Attempt);

/// <summary>A VM no host could take this time, and why; the coordinator retries it per its backoff.</summary>
public sealed record UnplacedVm(VmId VmId, int Attempt, string Reason);

/// <summary>The outcome of one HA planning round: who goes where, and who could not be placed.</summary>
public sealed record RestartPlan(IReadOnlyList<PlannedRestart> Restarts, IReadOnlyList<UnplacedVm> Unplaced);
