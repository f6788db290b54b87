namespace Cluster.Runtime.Cluster;

/// <summary>
/// How a node joins the one Akka.Cluster of controllers and hosts. Pure data: <see cref="ClusterFormationValidator"/>
/// checks it, <see cref="ClusterFormationHocon"/> turns it into Akka configuration.
/// </summary>
/// <param name="SystemName">The actor system's name; every seed must carry the same one or Akka ignores the join.</param>
/// <param name="Roles">Some of <see cref="ClusterRoles.All"/>.</param>
/// <param name="Hostname">The address remoting binds; loopback by default so nothing listens beyond the machine unless configured.</param>
/// <param name="Port">The remoting port; 0 picks a free one (tests).</param>
/// <param name="PublicHostname">The address peers use to reach this node, when it differs from the bind address (NAT, pods).</param>
/// <param name="Discovery">Seeds or Kubernetes.</param>
/// <param name="Seeds">Seed addresses (<c>akka.ssl.tcp://system@host:port</c> with TLS), used in <see cref="DiscoveryMode.Seeds"/>.</param>
/// <param name="Kubernetes">Bootstrap settings, required in <see cref="DiscoveryMode.Kubernetes"/>.</param>
/// <param name="Tls">Mutual TLS, or <see cref="TlsSettings.Off"/>.</param>
/// <param name="Timings">Failure-detector, gossip and split-brain timings; <see cref="ClusterTimings.Tuned"/> by default.</param>
public sealed record ClusterFormationSettings(
    string SystemName,
    IReadOnlyList<string> Roles,
    string Hostname = ClusterFormationSettings.LoopbackHostname,
    int Port = ClusterFormationSettings.DefaultPort,
    string? PublicHostname = null,
    DiscoveryMode Discovery = DiscoveryMode.Seeds,
    IReadOnlyList<string>? Seeds = null,
    KubernetesDiscoverySettings? Kubernetes = null,
    TlsSettings? Tls = null,
    ClusterTimings? Timings = null)
{
    public const string LoopbackHostname = "127.0.0.1";
    public const int DefaultPort = 4053;

    public IReadOnlyList<string> SeedAddresses => Seeds ?? [];

    public TlsSettings TlsOrOff => Tls ?? TlsSettings.Off;

    public ClusterTimings TimingsOrTuned => Timings ?? ClusterTimings.Tuned;
}
