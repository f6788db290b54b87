namespace Cluster.Runtime.Cluster;

/// <summary>The Akka.Cluster roles of the product's two kinds of node.</summary>
public static class ClusterRoles
{
    /// <summary>Runs the VRM singleton (one active at a time) and takes part in the split-brain resolver's lease-majority.</summary>
    public const string Controller = "controller";

    /// <summary>A CNA host agent.</summary>
    public const string Host = "host";

    public static IReadOnlyList<string> All { get; } = [Controller, Host];
}
