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
        var registry = new MessageRegistry().AddKernelMessages();
        registry.RegisterContext(ClusterMessagesJsonContext.Default, ManifestOf);

        // The context and the manifest table are kept by hand: a type in one and not the other is a bug.
        foreach (var entry in WireManifest.Entries)
        {
            registry.EnsureRegistered(entry.Type);
        }

        return registry;
    }

    /// <summary>
    /// The manifest of a context root. The context also serves the admin HTTP API, whose list shapes
    /// (<c>IReadOnlyList&lt;HostView&gt;</c>, ...) are not wire messages: they get a name no peer ever sends.
    /// </summary>
    private static string ManifestOf(Type type) =>
        WireManifest.TryGetManifest(type, out var manifest) && manifest is not null
            ? manifest
            : typeof(IWireMessage).IsAssignableFrom(type)
                ? throw new InvalidOperationException($"{type.FullName} is in {nameof(ClusterMessagesJsonContext)} but has no {nameof(WireManifest)} entry")
                : "http-only:" + type;
}
