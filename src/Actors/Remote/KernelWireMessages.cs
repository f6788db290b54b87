using System.Text.Json.Serialization;
using Cluster.Actors.Remote.Serialization;

namespace Cluster.Actors.Remote;

/// <summary>DeathWatch between nodes: the watcher's node asks the watchee's node to report the watchee's end.</summary>
public sealed record RemoteWatch(string WatcheePath, string WatcherPath);

public sealed record RemoteUnwatch(string WatcheePath, string WatcherPath);

/// <summary>Sent to the watcher's path when the watched actor stopped (or never existed).</summary>
public sealed record RemoteDeathWatchNotification(string ActorPath, bool ExistenceConfirmed);

/// <summary>Liveness probe between remote watchers; the answer proves the node is reachable.</summary>
public sealed record RemoteHeartbeat(long Sequence);

public sealed record RemoteHeartbeatAck(long Sequence);

/// <summary>Source-generated serialization for the kernel's own wire messages.</summary>
[JsonSerializable(typeof(RemoteWatch))]
[JsonSerializable(typeof(RemoteUnwatch))]
[JsonSerializable(typeof(RemoteDeathWatchNotification))]
[JsonSerializable(typeof(RemoteHeartbeat))]
[JsonSerializable(typeof(RemoteHeartbeatAck))]
public sealed partial class KernelWireJsonContext : JsonSerializerContext;

public static class KernelWireMessages
{
    /// <summary>Registers the kernel's own wire messages; every node with a serializing transport needs them.</summary>
    public static MessageRegistry AddKernelMessages(this MessageRegistry registry)
    {
        registry.RegisterContext(KernelWireJsonContext.Default, type => $"kernel.{type.Name}.v1");
        return registry;
    }
}
