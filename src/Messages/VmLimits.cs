namespace Cluster.Messages;

/// <summary>
/// The largest VM the controller accepts, field by field. Whatever passes these limits can be carried out:
/// the largest acceptable VM's start command is a few tens of KiB, far under the cluster wire frame
/// (4 MiB), so no accepted VM can fail later for its size. docs/admin-api.md lists them.
/// </summary>
public static class VmLimits
{
    /// <summary>VM names, datastore ids, CPU vendor and feature names: at most this many characters.</summary>
    public const int MaxNameLength = NameRules.MaxLength;

    public const int MaxVcpus = 256;

    /// <summary>1 TiB of guest memory.</summary>
    public const long MaxMemoryMb = 1_048_576;

    public const int MaxDisks = 64;

    /// <summary>64 TiB, the largest virtual disk vSphere offers.</summary>
    public const long MaxDiskSizeGb = 65_536;

    /// <summary>CPU reservation and limit: 256 vCPUs at 10 GHz.</summary>
    public const long MaxCpuMhz = 2_560_000;

    /// <summary>QoS shares, as in vSphere.</summary>
    public const int MaxShares = 1_000_000;

    public const int MaxCpuFeatures = 256;

    /// <summary>Virtual NICs of one VM, as in vSphere.</summary>
    public const int MaxNics = 10;

    /// <summary>
    /// Memory is hot-added as DIMMs of a multiple of this size (QEMU's <c>pc-dimm</c> devices are aligned to it, as
    /// vSphere's hot-add is to its own granularity): a running VM's memory grows by a multiple of it.
    /// </summary>
    public const long MemoryHotAddGranularityMb = 128;

    /// <summary>
    /// The range of every whole-number field of a VM request, by JSON path with indices left out
    /// (<c>disks[].sizeGb</c>): what a value the serializer cannot even hold (an overflow) is told it must be.
    /// </summary>
    public static IReadOnlyDictionary<string, (long Min, long Max)> NumberFields { get; } = new Dictionary<string, (long Min, long Max)>(StringComparer.Ordinal)
    {
        ["vcpus"] = (1, MaxVcpus),
        ["memoryMb"] = (1, MaxMemoryMb),
        ["disks[].sizeGb"] = (1, MaxDiskSizeGb),
        ["disks[].index"] = (0, MaxDisks - 1),
        ["cpuQos.shares"] = (1, MaxShares),
        ["cpuQos.reservation"] = (0, MaxCpuMhz),
        ["cpuQos.limit"] = (0, MaxCpuMhz),
        ["memoryQos.shares"] = (1, MaxShares),
        ["memoryQos.reservation"] = (0, MaxMemoryMb),
        ["memoryQos.limit"] = (0, MaxMemoryMb),
    };

    /// <summary>"must be between 1 and N" when <paramref name="value"/> is out of range, else null.</summary>
    public static string? RangeProblem(long value, long min, long max) =>
        value < min ? $"must be at least {min}" : value > max ? $"must be at most {max}" : null;
}
