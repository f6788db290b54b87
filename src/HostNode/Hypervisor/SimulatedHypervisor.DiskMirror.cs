using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// Storage migration on the disk-mirror model: all of a guest's disks are mirrored as one job of their summed size
/// (QEMU runs one job per disk; the VM pivots when all are ready), at the guest's disk write rate
/// (<see cref="GuestWorkloads"/>). Each query advances the model to the time it is told and fails it if the guest
/// stopped (a guest paused by a completed migration writes nothing, and its mirror stays as it was); a pivot moves the
/// guest's disks to the target datastore.
/// </summary>
public sealed partial class SimulatedHypervisor
{
    private readonly Dictionary<VmId, DiskMirrorJob> _mirrors = [];

    public string? MirrorDisks(VmId vm, long incarnation, DatastoreId datastore, double? maxSpeedMibPerSecond, DateTimeOffset now)
    {
        if (!_vms.TryGetValue(vm, out var instance) || !instance.Is(GuestState.Running, incarnation))
        {
            return $"VM {vm} does not run here as incarnation {incarnation}";
        }

        if (_mirrors.TryGetValue(vm, out var under) && !under.Progress.IsFinished)
        {
            return under.Datastore == datastore ? null : $"the disks of VM {vm} are already being mirrored to {under.Datastore}";
        }

        if (instance.Spec.Disks.All(d => d.Datastore == datastore))
        {
            return $"the disks of VM {vm} are already on {datastore}";
        }

        var model = new StorageMirrorParameters(instance.Spec.Disks.Sum(d => d.SizeGb), _site.Workloads.DiskWriteRateOf(vm))
        {
            MaxSpeedMibPerSecond = maxSpeedMibPerSecond,
        };
        if (model.Problems() is [var problem, ..])
        {
            return $"cannot mirror the disks of VM {vm}: {problem}";
        }

        _mirrors[vm] = new DiskMirrorJob(incarnation, datastore, StorageMirrorProgress.Start(model), now);
        return null;
    }

    public StorageMirrorStatus? QueryDiskMirror(VmId vm, DateTimeOffset now)
    {
        if (!_mirrors.TryGetValue(vm, out var job))
        {
            return null;
        }

        var guest = _vms.GetValueOrDefault(vm);
        if (!job.Progress.IsFinished && (guest is null || guest.Incarnation != job.Incarnation || guest.State is not (GuestState.Running or GuestState.MigratedOut)))
        {
            job.Progress = job.Progress.Fail("the guest stopped running");
        }
        else if (guest?.State == GuestState.MigratedOut)
        {
            // Paused by a completed migration (shared-nothing): it writes nothing, so the mirror stays as it was.
            job.AdvancedTo = now;
        }
        else if (now > job.AdvancedTo)
        {
            job.Progress = job.Progress.Advance(now - job.AdvancedTo);
            job.AdvancedTo = now;
        }

        return job.Progress.Query();
    }

    public string? PivotDiskMirror(VmId vm)
    {
        if (!_mirrors.TryGetValue(vm, out var job))
        {
            return $"no disk mirror of VM {vm} here";
        }

        var status = job.Progress.Query().Status;
        if (status == MirrorJobStatus.Completed)
        {
            return null;
        }

        if (status != MirrorJobStatus.Ready || !_vms.TryGetValue(vm, out var instance))
        {
            return $"the disk mirror of VM {vm} is {status}; only a mirror in sync can pivot";
        }

        job.Progress = job.Progress.Pivot();
        instance.Spec = instance.Spec with { Disks = [.. instance.Spec.Disks.Select(d => d with { Datastore = job.Datastore })] };
        Changed();
        return null;
    }

    public string? CancelDiskMirror(VmId vm)
    {
        if (_mirrors.TryGetValue(vm, out var job))
        {
            job.Progress = job.Progress.Cancel();
        }

        return null;
    }
}
