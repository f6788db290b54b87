namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// One disk mirrored to the destination (QEMU's <c>blockdev-mirror</c>, background copy mode) while the guest keeps
/// writing. <paramref name="GuestWriteMibPerSecond"/> counts the granules the writes dirty (64 KiB by default in
/// QEMU), like the memory model's page-granular dirty rate.
/// </summary>
/// <param name="DiskGib">The disk's size: all of it is copied once.</param>
/// <param name="GuestWriteMibPerSecond">How fast the guest dirties the disk, spread evenly over it.</param>
public sealed record StorageMirrorParameters(double DiskGib, double GuestWriteMibPerSecond) : IModelParameters
{
    /// <summary>The migration network, 10 Gbit/s by default; storage that reads or writes slower is not modelled.</summary>
    public double LinkMibPerSecond { get; init; } = MigrationUnits.GigabitsToMibPerSecond(10);

    /// <summary>The mirror job's <c>speed</c>; null leaves the link as the only limit.</summary>
    public double? MaxSpeedMibPerSecond { get; init; }

    public double CopyMibPerSecond => Math.Min(LinkMibPerSecond, MaxSpeedMibPerSecond ?? double.PositiveInfinity);

    public double DiskMib => DiskGib * 1024;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!double.IsFinite(DiskGib) || DiskGib <= 0)
        {
            problems.Add("the disk size must be positive");
        }

        if (!double.IsFinite(GuestWriteMibPerSecond) || GuestWriteMibPerSecond < 0)
        {
            problems.Add("the write rate must be zero or more");
        }

        if (!double.IsFinite(CopyMibPerSecond) || CopyMibPerSecond <= 0)
        {
            problems.Add("the link and the speed cap must be positive");
        }

        return problems;
    }
}
