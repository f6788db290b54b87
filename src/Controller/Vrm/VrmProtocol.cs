using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Vrm;

// The VRM decider's protocol, besides the wire messages of Cluster.Messages:
// - peer inputs: from hosts HostRegister, Heartbeat, CommandAccepted, CommandRejected, StaleEpochRejected; from
//   operators the commands of VrmCommands.cs and the questions of VrmQueries.cs;
// - timer inputs: DetectTick, HaRecheck, RetryRestart, StopWaitExpired (below, each with its timer key), HotReconfigureWaitExpired (Vms/);
// - runtime inputs: ClusterMembersSeen (below), the cluster's members whenever they change (none in the simulation);
// - effects and their answers: ReadStorageLeases, answered by StorageLeasesRead (below);
// - outputs: inventory, HA and alarm events (IInventoryEvent and the HA events of Cluster.Messages), host commands
//   (IHostCommand) stamped with the epoch, registration answers (HostRegistrationAccepted, HostRegistrationRefused,
//   HostIdInUse), and replies to operators (views or AdminFailure).

/// <summary>The periodic timer input on which the VRM looks for hosts that stopped heartbeating.</summary>
public sealed record DetectTick
{
    public const string TimerKey = "detect";

    public static readonly DetectTick Instance = new();
}

/// <summary>The periodic timer input on which HA looks again at isolated VMs and crashed guests.</summary>
public sealed record HaRecheck
{
    public const string TimerKey = "ha-recheck";

    public static readonly HaRecheck Instance = new();
}

/// <summary>The timer input on which HA tries again to restart a VM that found no host.</summary>
public sealed record RetryRestart(VmId VmId)
{
    public static string TimerKey(VmId vm) => $"ha-retry/{vm}";
}

/// <summary>The timer input on which forced stops still waiting for their host's confirmation are answered.</summary>
public sealed record StopWaitExpired(VmId VmId)
{
    public static string TimerKey(VmId vm) => $"stop-wait/{vm}";
}

/// <summary>Why HA looks at a VM's storage lease.</summary>
public enum HaCandidateKind
{
    /// <summary>Its host is Faulty: restart it elsewhere unless it still runs there.</summary>
    FailedHost,

    /// <summary>Its guest stopped on a healthy host: restart it.</summary>
    CrashedGuest,

    /// <summary>An operator stopped it on a Faulty host: the lease says whether it may be called Stopped.</summary>
    StopOnFailedHost,
}

/// <summary>A VM HA considers, as it was when its lease read was asked for (the answer is checked against it).</summary>
public sealed record HaCandidate(VmId VmId, long Incarnation, HostId Host, DatastoreId Datastore, HaCandidateKind Kind);

/// <summary>
/// The effect HA asks for before restarting anything: read the candidates' storage write-leases. The runtime
/// runs it (<see cref="StorageLeaseReader"/>) and feeds the <see cref="StorageLeasesRead"/> answer back as an input.
/// </summary>
public sealed record ReadStorageLeases(IReadOnlyList<HaCandidate> Candidates);

/// <summary>The input that answers <see cref="ReadStorageLeases"/>: one check per candidate, in order.</summary>
public sealed record StorageLeasesRead(IReadOnlyList<LeaseCheck> Checks);

/// <summary>One candidate's storage lease as read: the lease (null if none is held), or why it could not be read.</summary>
public sealed record LeaseCheck(HaCandidate Candidate, StorageLease? Lease, string? Error);

/// <summary>
/// A runtime input: the addresses of the cluster's member nodes (Joining, WeaklyUp, Up), and of those the cluster's
/// failure detector marks unreachable, sent by the runtime whenever membership or reachability changes. A host whose node
/// is not a member has left or been downed. The simulation sends it only for <c>host-detection: membership</c>, from a
/// model of Akka's failure detector over the simulated links; otherwise the VRM judges hosts by their heartbeats alone.
/// </summary>
public sealed record ClusterMembersSeen(IReadOnlyList<string> NodeAddresses, IReadOnlyList<string>? Unreachable = null);
