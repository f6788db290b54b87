using Cluster.HostNode.Storage;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>The write-lease a VM agent holds for the instance it started.</summary>
internal sealed record HeldLease(DatastoreId Datastore, long Incarnation, LeaseFencingPolicy Policy);
