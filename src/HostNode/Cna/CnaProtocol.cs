using Cluster.Deciders;

namespace Cluster.HostNode.Cna;

// The CNA decider's protocol. Its own records are below; the rest is named here so the whole protocol reads in one place.
//
// Peer inputs:  from a controller HostRegistrationAccepted, HostRegistrationRefused, HostIdInUse and the host commands (IHostCommand:
//               StartVm, StopVm, DeleteVm, KillStaleInstance, and a live migration's PrepareIncomingMigration,
//               StartMigration, CancelMigration, ResumeMigratedVm, QuitMigratedSource, DiscardIncomingMigration), all wire
//               messages in Cluster.Messages; from a child VM agent VmCommandFinished and VmAgentIdle (Vm/VmAgentProtocol.cs);
//               from a datastore actor DatastoreProbed.
// Timer inputs: Beat (Beat.TimerKey; the first beat is a message to itself), RenewLeases (RenewLeases.TimerKey), and
//               the timers of in-process agents (PollMigration, PollDiskMirror), which it hands to their agent.
// Effects:      PerformHypervisorOperation -> HypervisorOperationPerformed (Hypervisor/HypervisorEffects.cs);
//               ProbeDatastores -> DatastoresProbed, or one DatastoreProbed per datastore actor (Storage/StorageLeaseEffects.cs);
//               WatchController -> ControllerUnreachable; PingIsolationAddress -> IsolationAddressPinged; LeaveForGood;
//               and, with in-process agents, the agents' effects (Vm/VmAgentProtocol.cs), whose answers it routes to them.
//               Effects that answer nothing come back as NoAnswer under Akka.
// Outputs:      HostRegister, Heartbeat, CommandAccepted, CommandRejected and StaleEpochRejected to the controllers, a
//               migration command's own answers (IncomingMigrationPrepared, MigratedVmResumed) and its agents' messages
//               to them (MigrationProgressReported);
//               with child agents, the agents' inputs to a VmAgentAddress, and RetireAgent.

/// <summary>Timer input: time to heartbeat (or register, until accepted).</summary>
public sealed record Beat
{
    public const string TimerKey = "beat";

    public static readonly Beat Instance = new();
}

/// <summary>Timer input: the host-wide renew tick that drives every VM agent's lease renewal and the datastore probe.</summary>
public sealed record RenewLeases
{
    public const string TimerKey = "renew-leases";

    public static readonly RenewLeases Instance = new();
}

/// <summary>An effect: ask the runtime's failure detector to report <paramref name="Controller"/> with <see cref="ControllerUnreachable"/>.</summary>
public sealed record WatchController(Peer Controller);

/// <summary>Answers <see cref="WatchController"/>, once per watch: the failure detector (DeathWatch) finds the controller unreachable.</summary>
public sealed record ControllerUnreachable(Peer Controller);

/// <summary>An effect: ping the isolation address, waiting up to <paramref name="Timeout"/> for its answer.</summary>
public sealed record PingIsolationAddress(Peer Address, TimeSpan Timeout);

/// <summary>Answers <see cref="PingIsolationAddress"/>: whether the isolation address answered in time.</summary>
public sealed record IsolationAddressPinged(bool Answered);

/// <summary>
/// An effect: this host node leaves the cluster and its process exits with <paramref name="Reason"/>, because the
/// controller refused it for good (<see cref="Messages.HostIdInUse"/>: another live node holds its host id). Answers nothing.
/// </summary>
public sealed record LeaveForGood(string Reason);

/// <summary>Hypervisor context: a controller's command, answered with its id once done.</summary>
public sealed record CommandReply(Peer ReplyTo, long CommandId);

/// <summary>Hypervisor context: a VM stopped because the host is isolated.</summary>
public sealed record IsolationStop
{
    public static readonly IsolationStop Instance = new();
}
