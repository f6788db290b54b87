namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// The bytes from a peer break the protocol. The message is the reason logged when the connection is
/// closed, so it says what was wrong in words an operator can act on.
/// </summary>
internal sealed class WireProtocolException(string reason) : Exception(reason);
