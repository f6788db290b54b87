using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>The source after a completed transfer: paused, its lease released; quit once the target runs, resumed on a cancel.</summary>
internal sealed record PausedSource(StartMigration Command, Peer ReplyTo, DatastoreId Datastore);
