namespace Cluster.Messages;

/// <summary>
/// Marks a type that crosses a process boundary or is persisted on its own (a message, an event, an
/// admin DTO). Every such type has a manifest in <see cref="WireManifest"/>; a test holds them equal.
/// </summary>
public interface IWireMessage;
