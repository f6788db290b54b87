using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

/// <summary>The largest VM the API accepts: every field at its documented limit (docs/admin-api.md).</summary>
internal static class LargestVm
{
    public static readonly string LongName = new('n', 64);

    public static CreateVmRequest Request() => new(
        LongName,
        256,
        1_048_576,
        [.. Enumerable.Range(0, 64).Select(i => new VmDisk(new DatastoreId($"{i:D2}" + new string('d', 62)), 65_536))],
        new QosSpec(1_000_000, 2_560_000, 2_560_000),
        new QosSpec(1_000_000, 1_048_576, 1_048_576),
        HaEnabled: true,
        RestartPriority.High,
        new CpuFeatureSet(new string('v', 64), [.. Enumerable.Range(0, 256).Select(i => $"{i:D3}" + new string('f', 61))]));
}
