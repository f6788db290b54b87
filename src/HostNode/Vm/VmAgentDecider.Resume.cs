using Cluster.Deciders;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// Resuming a paused instance of a migration, the target's incoming one or the source on a rollback: the lease is taken
/// first and the instance resumed only then. A lease held by the other side refuses the resume and the instance stays
/// paused; a lease taken for an instance the hypervisor then cannot resume is given back at once. A shared-nothing
/// target takes the new datastore's lease and then the old one's, the lease the source needs to run on: the old one is
/// the single compare-and-set that decides which instance runs, and once taken by the target's newer incarnation the
/// source can never take it back, so the target gives it up right after the resume.
/// </summary>
public sealed partial class VmAgentDecider
{
    private bool DecideResume(object input, Step step)
    {
        switch (input)
        {
            case StorageLeaseAcquired { Request.Context: MigratedResume { Arbiter: { } arbiter, ArbiterAsked: false } resume, Result.Acquired: true }:
                step.Run(new AcquireStorageLease(arbiter, vm, resume.Incarnation, resume.AcquireStartedAt, resume with { ArbiterAsked = true }));
                return true;
            case StorageLeaseAcquired { Request.Context: ILeasedResume resume, Result.Acquired: true }:
                step.Run(new PerformHypervisorOperation(resume.Resume(vm), resume));
                return true;
            case StorageLeaseAcquired { Request.Context: MigratedResume { ArbiterAsked: true } resume } refused:
                // The source holds the old datastore's lease, or took it back: it runs on, and the new one is given back.
                step.Run(new ReleaseStorageLease(resume.Datastore, vm, resume.Incarnation));
                Finish(resume.ReplyTo, resume.CommandId, LeaseRefusal(refused), null, step);
                return true;
            case StorageLeaseAcquired { Request.Context: SourceResume source, Result: { } result } refused when result.Lease.Incarnation > source.Incarnation:
                // A newer run (the target's) took the lease: this paused source can never run again (an older run never
                // takes a lease back, StorageLeaseRules.CheckAcquire), so it is quit, and the host stops reporting it.
                Finish(source.ReplyTo, source.CommandId, LeaseRefusal(refused), null, step);
                log.LogSupersededSourceQuit(host, vm, source.Incarnation, result.Lease.Incarnation);
                step.Run(new PerformHypervisorOperation(new QuitSourceGuest(vm, source.Incarnation), new SupersededSourceQuit(source.Incarnation)));
                return true;
            case HypervisorOperationPerformed { Request.Context: SupersededSourceQuit quit, Refusal: null }:
                _pausedSource = _pausedSource?.Command.Incarnation == quit.Incarnation ? null : _pausedSource;
                return true;
            case HypervisorOperationPerformed { Request.Context: SupersededSourceQuit }:
                return true;
            case StorageLeaseAcquired { Request.Context: ILeasedResume resume } refused:
                Finish(resume.ReplyTo, resume.CommandId, LeaseRefusal(refused), null, step);
                return true;
            case HypervisorOperationPerformed { Request.Context: ILeasedResume resume } performed:
                OnResumed(resume, performed.Refusal, step);
                return true;
            default:
                return false;
        }
    }

    private void OnResumed(ILeasedResume resume, string? refusal, Step step)
    {
        if (refusal is null)
        {
            Hold(resume.Datastore, resume.Incarnation, resume.AcquireStartedAt);
        }
        else
        {
            step.Run(new ReleaseStorageLease(resume.Datastore, vm, resume.Incarnation));
        }

        if (resume is MigratedResume { Arbiter: { } arbiter })
        {
            // Given up either way: the guest writes only the new datastore, and the released lease still names this
            // incarnation, so the source (an older one) can never take it back (StorageLeaseRules.CheckAcquire).
            step.Run(new ReleaseStorageLease(arbiter, vm, resume.Incarnation));
        }

        switch (resume)
        {
            case MigratedResume incoming:
                _incoming = refusal is null ? null : _incoming;
                var answer = refusal is null ? new MigratedVmResumed(incoming.Command.MigrationId, incoming.Incarnation) : null;
                Finish(resume.ReplyTo, resume.CommandId, refusal, answer, step);
                break;
            case SourceResume source:
                _pausedSource = refusal is null ? null : _pausedSource;
                Finish(resume.ReplyTo, resume.CommandId, refusal, null, step);
                ReportRolledBack(source.Migration, source.ReplyTo, refusal, step);
                break;
        }
    }
}
