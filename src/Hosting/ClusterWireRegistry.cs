using Cluster.Actors.Remote;
using Cluster.Actors.Remote.Serialization;
using Cluster.Messages;

namespace Cluster.Hosting;

/// <summary>
/// The transport's message registry for every cluster process: the kernel's own wire messages plus every
/// <see cref="WireManifest"/> entry, serialized with its source-generated <see cref="ClusterMessagesJsonContext"/> metadata.
/// </summary>
public static class ClusterWireRegistry
{
    public static MessageRegistry Create()
    {
        // Exactly the manifest table: the JSON context also serves the admin HTTP API, whose list shapes are
        // not wire messages and must never be accepted from a peer.
        var registry = new MessageRegistry().AddKernelMessages();
        foreach (var entry in WireManifest.Entries)
        {
            var typeInfo = ClusterMessagesJsonContext.Default.GetTypeInfo(entry.Type)
                ?? throw new InvalidOperationException($"{entry.Type.FullName} has manifest '{entry.Manifest}' but no metadata in {nameof(ClusterMessagesJsonContext)}");
            registry.Register(entry.Manifest, typeInfo);
        }

        return registry;
    }
}
