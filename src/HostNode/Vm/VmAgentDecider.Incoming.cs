using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// The target's part of a live migration: define the VM paused and listening, and on the controller's word take the
/// storage lease for the new incarnation and only then resume it. A lease that cannot be taken (the source never let go
/// of it) leaves the instance paused and refuses the resume with the holder's name. In a shared-nothing migration the
/// resume takes the new datastore's lease and then the old one's (VmAgentDecider.Resume.cs).
/// </summary>
public sealed partial class VmAgentDecider
{
    private PrepareIncomingMigration? _incoming;

    private bool DecideIncoming(object input, DateTimeOffset now, Step step)
    {
        switch (input)
        {
            case IncomingMigrationRequested request:
                PrepareIncoming(request, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: IncomingPreparation preparation } performed:
                OnIncomingPrepared(preparation, performed, step);
                return true;
            case MigratedVmResumeRequested request:
                ResumeIncoming(request, now, step);
                return true;
            case IncomingDiscarded discarded:
                if (_incoming?.Incarnation == discarded.Incarnation)
                {
                    _incoming = null;
                }

                return true;
            default:
                return false;
        }
    }

    private void PrepareIncoming(IncomingMigrationRequested request, Step step)
    {
        var command = request.Command;
        if (_held is { } held)
        {
            Answer(request.ReplyTo, command.CommandId, $"VM {vm} runs here as incarnation {held.Incarnation}", null, step);
            return;
        }

        _commandsInFlight++;
        var prepare = new PrepareIncomingGuest(vm, command.Spec, command.Incarnation);
        step.Run(new PerformHypervisorOperation(prepare, new IncomingPreparation(command, request.ReplyTo)));
    }

    private void OnIncomingPrepared(IncomingPreparation preparation, HypervisorOperationPerformed performed, Step step)
    {
        var command = preparation.Command;
        if (performed is { Refusal: null, Result: string uri })
        {
            _incoming = command;
            Finish(preparation.ReplyTo, command.CommandId, null, new IncomingMigrationPrepared(command.MigrationId, uri), step);
            return;
        }

        Finish(preparation.ReplyTo, command.CommandId, performed.Refusal ?? "the hypervisor gave no address", null, step);
    }

    private void ResumeIncoming(MigratedVmResumeRequested request, DateTimeOffset now, Step step)
    {
        var command = request.Command;
        if (_held?.Incarnation == command.Incarnation)
        {
            // Already resumed: the answer was lost, so give it again.
            Answer(request.ReplyTo, command.CommandId, null, new MigratedVmResumed(command.MigrationId, command.Incarnation), step);
            return;
        }

        if (_incoming is not { } incoming || incoming.Incarnation != command.Incarnation)
        {
            Answer(request.ReplyTo, command.CommandId, $"no incoming VM {vm} (incarnation {command.Incarnation}) is prepared here", null, step);
            return;
        }

        _commandsInFlight++;
        var datastore = incoming.Spec.PrimaryDatastore;
        var arbiter = incoming.ArbiterDatastore is { } other && other != datastore ? other : (DatastoreId?)null;
        step.Run(new AcquireStorageLease(datastore, vm, command.Incarnation, now, new MigratedResume(command, request.ReplyTo, datastore, now, arbiter)));
    }
}
