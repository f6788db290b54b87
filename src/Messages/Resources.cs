namespace Cluster.Messages;

/// <summary>An amount of CPU (MHz) and memory (MB): a capacity, a demand or a usage.</summary>
public readonly record struct Resources(long CpuMhz, long MemoryMb)
{
    public static Resources Zero => default;

    public Resources Add(Resources other) => new(CpuMhz + other.CpuMhz, MemoryMb + other.MemoryMb);

    public Resources Subtract(Resources other) => new(CpuMhz - other.CpuMhz, MemoryMb - other.MemoryMb);

    /// <summary>True when both dimensions of this amount are within <paramref name="capacity"/>.</summary>
    public bool FitsIn(Resources capacity) => CpuMhz <= capacity.CpuMhz && MemoryMb <= capacity.MemoryMb;

    public static Resources operator +(Resources left, Resources right) => left.Add(right);

    public static Resources operator -(Resources left, Resources right) => left.Subtract(right);

    public override string ToString() => $"{CpuMhz} MHz / {MemoryMb} MB";
}
