namespace Cluster.Runtime.Cluster;

/// <summary>How a node finds the cluster to join.</summary>
public enum DiscoveryMode
{
    /// <summary>A static list of seed addresses from settings (local runs, fixed hosts).</summary>
    Seeds,

    /// <summary>Akka.Management Cluster Bootstrap over the Kubernetes API (pods selected by label).</summary>
    Kubernetes,
}
