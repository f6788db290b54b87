using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Messages;

namespace Cluster.Controller.Serialization;

/// <summary>The JSON options of <see cref="ControllerWireSerializer"/>: the wire context plus the controller's own types (the inventory snapshot).</summary>
public static class ControllerSerialization
{
    public static JsonSerializerOptions JsonOptions { get; } = new(ClusterMessagesJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ClusterMessagesJsonContext.Default, ControllerJsonContext.Default),
    };
}
