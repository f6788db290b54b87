using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Controller.Serialization;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.World;

namespace Cluster.Simulation;

/// <summary>The journal format of the simulated cluster: every wire manifest, plus the VRM's inventory snapshot.</summary>
internal static class VrmJournalCodec
{
    /// <summary>The manifest the controller's journal serializer gives the snapshot.</summary>
    public const string SnapshotManifest = "vrm.inventory-snapshot.v1";

    /// <summary>
    /// One codec for every simulated cluster: it holds no state of a run, and its options build each type's JSON
    /// metadata once, where a codec per cluster built it all again for every seed.
    /// </summary>
    public static readonly WireJournalCodec Shared = Create();

    private static WireJournalCodec Create() => new(
        new JsonSerializerOptions(ClusterMessagesJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ClusterMessagesJsonContext.Default, ControllerJsonContext.Default),
        },
        new Dictionary<Type, string> { [typeof(InventorySnapshot)] = SnapshotManifest });
}
