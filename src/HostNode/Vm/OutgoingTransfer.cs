using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>A transfer the source's agent started and polls; <paramref name="Cancelling"/> once a cancel was asked.</summary>
internal sealed record OutgoingTransfer(StartMigration Command, Peer ReplyTo, bool Cancelling = false);
