namespace Cluster.Messages;

/// <summary>A reconfigure's new size for the VM's disk at <paramref name="Index"/> (0 is the first): disks only grow.</summary>
public sealed record DiskGrowth(int Index, long SizeGb);
