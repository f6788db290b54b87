using Cluster.HostNode.Hypervisor.Migration;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// Copying a stopped VM's disks to another datastore (a cold migration): one job per VM, of all its disks, shaped for
/// QEMU's <c>qemu-img convert</c> run by the backend (or <c>blockdev-backup</c> of a paused instance). A refusal is an
/// answer, and a call repeated after it succeeded succeeds again.
/// </summary>
public interface IDiskCopier
{
    /// <summary>
    /// Starts copying the disks of <paramref name="spec"/> to <paramref name="datastore"/> at <paramref name="rateMibPerSecond"/>
    /// from <paramref name="now"/>; null once under way (also when that copy already runs), else why not: the VM runs here,
    /// its disks are already there, another copy of it runs.
    /// </summary>
    string? CopyDisks(VmId vm, VmSpec spec, DatastoreId datastore, double rateMibPerSecond, DateTimeOffset now);

    /// <summary>The copy of <paramref name="vm"/>'s disks as of <paramref name="now"/>, null if there is none.</summary>
    DiskCopyStatus? QueryDiskCopy(VmId vm, DateTimeOffset now);

    /// <summary>Stops the copy; the disks stay where they were. With none under way it succeeds and changes nothing.</summary>
    string? CancelDiskCopy(VmId vm);
}
