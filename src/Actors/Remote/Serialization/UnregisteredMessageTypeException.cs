namespace Cluster.Actors.Remote.Serialization;

/// <summary>
/// Code tried to send a type nobody registered: a bug in the caller, so it surfaces at the call site
/// instead of disappearing into a connection's log.
/// </summary>
public sealed class UnregisteredMessageTypeException : InvalidOperationException
{
    public UnregisteredMessageTypeException(Type messageType)
        : base($"message type '{messageType.FullName}' is not registered with the MessageRegistry; " +
               "register it with Register<T>(manifest, jsonTypeInfo) or RegisterContext(...) before sending it to another node")
    {
        MessageType = messageType;
    }

    public Type MessageType { get; }
}
