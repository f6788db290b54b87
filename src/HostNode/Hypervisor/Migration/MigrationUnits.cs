namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// Link speeds are quoted in bits per second (decimal), memory and QEMU's <c>max-bandwidth</c> in binary bytes; the
/// model works in MiB and MiB/s and reports bytes, as <c>query-migrate</c> does.
/// </summary>
public static class MigrationUnits
{
    public const double BytesPerMib = 1024 * 1024;

    /// <summary>One Gbit/s is 10⁹ bits, about 119.2 MiB/s.</summary>
    public const double MibPerSecondPerGigabit = 1e9 / 8 / BytesPerMib;

    public static double GigabitsToMibPerSecond(double gigabitsPerSecond) => gigabitsPerSecond * MibPerSecondPerGigabit;

    public static long MibToBytes(double mib) => (long)Math.Round(mib * BytesPerMib);
}
