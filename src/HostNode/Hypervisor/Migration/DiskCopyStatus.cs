using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>A disk copy's progress: its state, what is not yet copied, the disks' size, and why it failed if it did.</summary>
public sealed record DiskCopyStatus(DiskCopyState State, long RemainingBytes, long DiskBytes, string? Error);
