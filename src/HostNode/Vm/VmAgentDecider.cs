using Cluster.Deciders;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.HostNode.Storage;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// One VM on this host and its storage write-lease: the lease is taken before the VM starts (that is what stops
/// a second instance elsewhere), renewed at the CNA's host-wide tick, released after a clean stop or when the
/// guest died, and the VM is fenced (powered off) once renewals have failed long enough that the lease could
/// expire (<see cref="LeaseFencingPolicy"/>). Answers about commands go to <c>parent</c>, the CNA, which owns the
/// conversation with the controller. The agent asks to stop once it holds no lease, has no command under way and
/// takes no part in a migration. An agent of a node that rejoined adopts the lease of its still running VM
/// (<see cref="AdoptedLease"/>). In a live migration the lease moves with the VM: the source's agent releases it once
/// the transfer completed and the guest is paused, the target's agent takes it before it resumes the guest
/// (VmAgentDecider.Incoming.cs, VmAgentDecider.Outgoing.cs), so no two instances ever hold it, with or without a VRM.
/// </summary>
public sealed partial class VmAgentDecider(VmId vm, HostId host, Peer parent, LeaseFencingOptions fencing, ILogger log) : IDecider
{
    private HeldLease? _held;
    private int _commandsInFlight;

    public VmId Vm => vm;

    /// <summary>The incarnation whose lease the agent holds, if any.</summary>
    public long? HeldIncarnation => _held?.Incarnation;

    public Step Start(DateTimeOffset now) => new();

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        var step = new Step();
        switch (input)
        {
            case StartVmRequested request:
                RequestStart(request, now, step);
                break;
            case StorageLeaseAcquired { Request.Context: LeasedStart start } acquired:
                OnAcquired(start, acquired, step);
                break;
            case HypervisorOperationPerformed { Request.Context: LeasedStart start } started:
                OnStarted(start, started.Refusal, step);
                break;
            case RenewLease renew:
                Renew(renew, now, step);
                break;
            case StorageLeaseRenewed renewed when IsMirrorLease(renewed):
                RecordMirrorRenewal(renewed);
                break;
            case StorageLeaseRenewed renewed when _held is { } held && held.Incarnation == renewed.Request.Incarnation && held.Datastore == renewed.Request.Datastore:
                _held = held with { Policy = held.Policy.Record(renewed.Outcome, renewed.Request.StartedAt) };
                break;
            case CheckFence:
                FenceIfOverdue(now, step);
                break;
            case ReleaseLease:
                Release(step);
                break;
            case ForgetIncarnation forget when _held?.Incarnation == forget.Incarnation:
                _held = null;
                break;
            case AdoptedLease adopted when _held is null:
                Adopt(adopted, now, step);
                break;
            case StorageLeaseRenewed or ForgetIncarnation or AdoptedLease:
                // Stale: about an incarnation whose lease the agent does not hold, or an adoption while it holds a lease.
                break;
            case HypervisorOperationPerformed { Request.Operation: FenceGuest } or NoAnswer:
                // A fence's answer, or a release's (none, under Akka): the agent already let go of the lease.
                break;
            default:
                if (!DecideIncoming(input, now, step) && !DecideOutgoing(input, now, step) && !DecideResume(input, step) && !DecideDiskMirror(input, now, step) && !DecideHotReconfigure(input, step))
                {
                    step.ReportUnhandled(input);
                }

                break;
        }

        if (_held is null && _commandsInFlight == 0 && !InMigration)
        {
            step.Stop();
        }

        return step;
    }

    private void RequestStart(StartVmRequested request, DateTimeOffset now, Step step)
    {
        _commandsInFlight++;
        var start = new LeasedStart(request.Command, request.ReplyTo, now);
        step.Run(new AcquireStorageLease(request.Command.Spec.PrimaryDatastore, vm, request.Command.Incarnation, now, start));
    }

    private void OnAcquired(LeasedStart start, StorageLeaseAcquired acquired, Step step)
    {
        if (acquired.Result is { Acquired: true })
        {
            step.Run(new PerformHypervisorOperation(new StartGuest(vm, start.Command.Spec, start.Command.Incarnation), start));
            return;
        }

        Finish(start, LeaseRefusal(acquired), step);
    }

    /// <summary>Why the lease was not acquired, naming its holder.</summary>
    private string LeaseRefusal(StorageLeaseAcquired acquired) => acquired.Result is { } refused
        ? $"storage lease of {vm} is held by {refused.Lease.HolderHostId} (incarnation {refused.Lease.Incarnation}): {refused.Refusal}"
        : $"storage unreachable for {vm}: {acquired.Error}";

    private void OnStarted(LeasedStart start, string? refusal, Step step)
    {
        if (refusal is null)
        {
            Hold(start.Command.Spec.PrimaryDatastore, start.Command.Incarnation, start.AcquireStartedAt);
        }

        Finish(start, refusal, step);
    }

    private void Finish(LeasedStart start, string? refusal, Step step) => Finish(start.ReplyTo, start.Command.CommandId, refusal, null, step);

    /// <summary>A command that was under way is done: tell the CNA, which answers the controller.</summary>
    private void Finish(Peer replyTo, long commandId, string? refusal, IWireMessage? answer, Step step)
    {
        _commandsInFlight--;
        Answer(replyTo, commandId, refusal, answer, step);
    }

    /// <summary>A command answered at once (refused, or nothing to do).</summary>
    private void Answer(Peer replyTo, long commandId, string? refusal, IWireMessage? answer, Step step) =>
        step.Send(parent, new VmCommandFinished(replyTo, commandId, refusal, answer));

    /// <summary>The lease is ours from an acquire that began at <paramref name="acquireStartedAt"/>, where its fencing deadline counts from.</summary>
    private void Hold(DatastoreId datastore, long incarnation, DateTimeOffset acquireStartedAt) =>
        _held = new HeldLease(datastore, incarnation, LeaseFencingPolicy.Start(fencing, acquireStartedAt));

    private void Renew(RenewLease renew, DateTimeOffset now, Step step)
    {
        if (_held is not { } held)
        {
            return;
        }

        if (!renew.RunningGuests.Contains(new VmInstance(vm, held.Incarnation)))
        {
            if (_outgoing is not null)
            {
                // Not dead but paused by a transfer that completed since the last poll: the switch-over gives the lease
                // up with the transfer's context, which a bare release here would lose (and with it the paused source a
                // cancel must be able to resume). Ask now rather than at the next poll.
                step.Run(new PerformHypervisorOperation(new QueryGuestMigration(vm, now), MigrationPoll.Instance));
                return;
            }

            // A guest that died (crash, blue screen) no longer writes: give its lease back so a restart can take it.
            log.LogLeaseOfDeadGuestReleased(host, vm, held.Incarnation);
            Release(step);
            return;
        }

        step.Run(new RenewStorageLease(held.Datastore, vm, held.Incarnation, now));
        RenewMirrorLease(now, step);
        FenceIfOverdue(now, step);
    }

    private void FenceIfOverdue(DateTimeOffset now, Step step)
    {
        if (_held is { } held && held.Policy.MustFence(now))
        {
            log.LogFencing(host, vm, held.Policy.LastSuccessAt);
            step.Run(new PerformHypervisorOperation(new FenceGuest(vm), null));
            _held = null;
            EndMirror(step);
            return;
        }

        AbandonMirrorIfOverdue(now, step);
    }

    /// <summary>
    /// Takes over a lease held before the node rejoined or its process restarted; one already overdue is fenced at
    /// once, another renewed at once: the time away used up an unknown part of the fencing budget, and waiting for the
    /// next tick (up to 5 s) fenced guests of a host node restarted under load (issue 17).
    /// </summary>
    private void Adopt(AdoptedLease adopted, DateTimeOffset now, Step step)
    {
        _held = new HeldLease(adopted.Datastore, adopted.Incarnation, LeaseFencingPolicy.Start(fencing, adopted.LastRenewedAt));
        FenceIfOverdue(now, step);
        if (_held is { } held)
        {
            step.Run(new RenewStorageLease(held.Datastore, vm, held.Incarnation, now));
        }
    }

    private void Release(Step step)
    {
        if (_held is { } held)
        {
            step.Run(new ReleaseStorageLease(held.Datastore, vm, held.Incarnation));
            _held = null;
        }

        EndMirror(step);
    }
}
