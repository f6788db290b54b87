namespace Cluster.Messages;

/// <summary>What a migration moves: the running VM to another host, its disks to another datastore, or both (docs/migration.md).</summary>
public enum MigrationKind
{
    /// <summary>A running VM to another host; its disks stay on shared storage.</summary>
    Live,

    /// <summary>A running VM's disks to another datastore; the VM stays on its host (mirror, then pivot).</summary>
    Storage,

    /// <summary>A stopped VM's disks to another datastore, copied by a host that reaches both; the VM runs nowhere meanwhile.</summary>
    Cold,

    /// <summary>A running VM to another host and its disks to another datastore at once: mirror, then a live move onto the copy.</summary>
    SharedNothing,
}
