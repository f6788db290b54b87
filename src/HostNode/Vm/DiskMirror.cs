using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// A disk mirror the agent runs for a storage migration: the command, who hears its progress, and the target
/// datastore's lease, held (and renewed) from before the mirror writes there; null while it is being taken.
/// </summary>
internal sealed record DiskMirror(StartDiskMirror Command, Peer ReplyTo, HeldLease? TargetLease = null);
