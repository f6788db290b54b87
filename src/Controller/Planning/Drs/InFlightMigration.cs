using Cluster.Messages;

namespace Cluster.Controller.Planning.Drs;

/// <summary>A live migration already under way: it counts against the concurrency limits and its VM is not moved again.</summary>
public sealed record InFlightMigration(VmId Vm, HostId Source, HostId Target);
