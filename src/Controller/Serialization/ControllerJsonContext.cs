using System.Text.Json.Serialization;
using Cluster.Controller.Vrm;

namespace Cluster.Controller.Serialization;

/// <summary>Source-generated JSON for the controller's own persisted types (snapshots), in the wire messages' style.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(InventorySnapshot))]
public sealed partial class ControllerJsonContext : JsonSerializerContext;
