namespace Cluster.Actors.Remote;

/// <summary>
/// One message on its way between nodes: the recipient's path (without address), the sender's full
/// path if any, and the message itself. Transports decide whether the message is serialized.
/// </summary>
public readonly record struct RemoteEnvelope(string RecipientPath, string? SenderPath, object Message);
