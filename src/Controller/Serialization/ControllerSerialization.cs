using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Persistence;

namespace Cluster.Controller.Serialization;

/// <summary>The journal's serializer: every manifest of <see cref="WireManifest"/> plus the controller's snapshots.</summary>
public static class ControllerSerialization
{
    public static JsonSerializerOptions JsonOptions { get; } = new(ClusterMessagesJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ClusterMessagesJsonContext.Default, ControllerJsonContext.Default),
    };

    public static JsonEventSerializer CreateEventSerializer()
    {
        var serializer = new JsonEventSerializer(JsonOptions);
        foreach (var entry in WireManifest.Entries)
        {
            serializer.Register(entry.Type, entry.Manifest);
        }

        serializer.Register<InventorySnapshot>("vrm.inventory-snapshot.v1");
        return serializer;
    }
}
