using Cluster.Actors.Remote.Serialization;

namespace Cluster.Controller.Serialization;

/// <summary>The transport's message registry; it lives in Cluster.Hosting so that host nodes build the same one.</summary>
public static class ClusterWireRegistry
{
    public static MessageRegistry Create() => global::Cluster.Hosting.ClusterWireRegistry.Create();
}
