using Cluster.Messages;

namespace Cluster.Controller.Planning.Placement;

/// <summary>
/// A VM's needs resolved once against a <see cref="PlacementWorkspace"/>'s host indices, so checking
/// a host is array lookups rather than set and string work.
/// </summary>
internal sealed class VmRequirement
{
    public required VmId Id { get; init; }

    public required VmSpec Spec { get; init; }

    public required Resources Demand { get; init; }

    /// <summary>Per host index: does the host offer the VM's CPU baseline.</summary>
    public required bool[] CpuCompatible { get; init; }

    /// <summary>Datastore indices of the VM's disks; -1 for a datastore no host reaches.</summary>
    public required int[] Datastores { get; init; }

    /// <summary>GB the VM's disks provision on each datastore they are on.</summary>
    public required KeyValuePair<DatastoreId, long>[] DiskGb { get; init; }

    /// <summary>Per host index: allowed by every must rule naming the VM; null when no rule names it.</summary>
    public required bool[]? AllowedHosts { get; init; }

    /// <summary>Indices of the anti-affinity groups the VM belongs to.</summary>
    public required int[] AntiAffinityGroups { get; init; }
}
