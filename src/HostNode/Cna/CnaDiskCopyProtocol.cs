using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

// A cold migration's disk copy on the CNA (CnaDecider.DiskCopy.cs). Peer inputs: CopyVmDisks and CancelDiskCopy from a
// controller. Timer input: PollDiskCopy, every second while a copy runs. Effects: CopyGuestDisks, QueryGuestDiskCopy and
// CancelGuestDiskCopy (Hypervisor/DiskCopyOperations.cs) with an IDiskCopyContext. Outputs: the command's answer, then
// DiskCopyProgressReported to the controller that asked, every second until the copy ends.

/// <summary>Context of a cold migration's disk copy being started, for the controller that asked.</summary>
public sealed record DiskCopyStart(CopyVmDisks Command, Peer ReplyTo) : IDiskCopyContext;

/// <summary>Context of a disk copy's progress query.</summary>
public sealed record DiskCopyPoll(VmId Vm, MigrationId Migration) : IDiskCopyContext;

/// <summary>The context of a disk copy's hypervisor operation: the CNA itself takes its answer.</summary>
public interface IDiskCopyContext;

/// <summary>Timer input of a CNA copying a stopped VM's disks: time to ask how the copy goes and tell the controller.</summary>
public sealed record PollDiskCopy(VmId Vm, MigrationId Migration)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static string TimerKey(VmId vm) => $"disk-copy-poll/{vm}";
}
