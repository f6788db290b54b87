using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// Cold migration's disk copy: all of a stopped VM's disks as one job of their summed size, copied at the rate asked
/// (the saga asks the disk mirror's cap, 200 MiB/s by default), so it takes size / rate; nothing writes the disks meanwhile.
/// </summary>
public sealed partial class SimulatedHypervisor
{
    private readonly Dictionary<VmId, DiskCopyJob> _copies = [];

    public string? CopyDisks(VmId vm, VmSpec spec, DatastoreId datastore, double rateMibPerSecond, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_copies.TryGetValue(vm, out var under) && under.State == DiskCopyState.Running)
        {
            return under.Datastore == datastore ? null : $"the disks of VM {vm} are already being copied to {under.Datastore}";
        }

        if (_vms.TryGetValue(vm, out var instance) && instance.HoldsMemory)
        {
            return $"VM {vm} runs here; only a stopped VM's disks are copied";
        }

        if (spec.Disks.All(d => d.Datastore == datastore))
        {
            return $"the disks of VM {vm} are already on {datastore}";
        }

        if (rateMibPerSecond <= 0)
        {
            return $"cannot copy the disks of VM {vm}: the rate must be positive, not {rateMibPerSecond}";
        }

        _copies[vm] = new DiskCopyJob(datastore, MigrationUnits.MibToBytes(spec.Disks.Sum(d => d.SizeGb) * 1024.0), rateMibPerSecond, now);
        return null;
    }

    public DiskCopyStatus? QueryDiskCopy(VmId vm, DateTimeOffset now)
    {
        if (!_copies.TryGetValue(vm, out var job))
        {
            return null;
        }

        if (job.State == DiskCopyState.Running)
        {
            var copied = MigrationUnits.MibToBytes(job.RateMibPerSecond * Math.Max(0, (now - job.StartedAt).TotalSeconds));
            job.RemainingBytes = Math.Max(0, job.DiskBytes - copied);
            job.State = job.RemainingBytes == 0 ? DiskCopyState.Completed : DiskCopyState.Running;
        }

        return new DiskCopyStatus(job.State, job.RemainingBytes, job.DiskBytes, job.Error);
    }

    public string? CancelDiskCopy(VmId vm)
    {
        if (_copies.TryGetValue(vm, out var job) && job.State == DiskCopyState.Running)
        {
            job.State = DiskCopyState.Failed;
            job.Error = "cancelled";
        }

        return null;
    }

    /// <summary>A copy under way: where to, how big, how fast, since when, and how far it got.</summary>
    private sealed class DiskCopyJob(DatastoreId datastore, long diskBytes, double rateMibPerSecond, DateTimeOffset startedAt)
    {
        public DatastoreId Datastore { get; } = datastore;

        public long DiskBytes { get; } = diskBytes;

        public double RateMibPerSecond { get; } = rateMibPerSecond;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public long RemainingBytes { get; set; } = diskBytes;

        public DiskCopyState State { get; set; } = DiskCopyState.Running;

        public string? Error { get; set; }
    }
}
