using Cluster.Hosting.Configuration;
using Cluster.Runtime.Cluster;

namespace Cluster.Hosting.Akka;

/// <summary>
/// The settings every Akka process has — where it listens, how it finds the cluster, its TLS identity — turned into
/// the <see cref="ClusterFormationSettings"/> Cluster.Runtime applies. Mistakes are refused here, naming the option,
/// before any port is bound: a wrong seed scheme would otherwise crash-loop the node (issue 7).
/// </summary>
public static class ClusterNodeSettings
{
    public const string SystemName = "cluster";

    public static IReadOnlyList<SettingSpec> Specs { get; } =
    [
        new("public-host", "the host peers dial when it differs from --listen's (0.0.0.0, NAT, a pod's DNS name)", "HOST"),
        new("seed", "a seed node: host:port of a node's --listen, or a full akka address; repeatable (default 127.0.0.1:9000, the first local controller)", "HOST:PORT", Repeatable: true),
        new("discovery", "seeds (default) or kubernetes (Akka.Management Cluster Bootstrap over the Kubernetes API)", "MODE"),
        new("k8s-selector", "with --discovery kubernetes: the label selector of the cluster's pods (default app=cluster)", "SELECTOR"),
        new("k8s-namespace", "with --discovery kubernetes: the pods' namespace (default: the pod's own)", "NAME"),
        new("k8s-contact-points", "with --discovery kubernetes: contact points needed before a new cluster forms (default 2)", "N"),
        new("management-port", "with --discovery kubernetes: Akka.Management's HTTP port (default 8558)", "PORT"),
        new("k8s-token-file", "with --discovery kubernetes: the bearer token for the Kubernetes API (default: the pod's service-account token); the API server is KUBERNETES_SERVICE_HOST/_PORT", "PATH"),
        new("tls-certificate", "this node's PKCS#12 certificate and key for mutual TLS (scripts/make-certs.sh writes them); required unless --no-tls", "PATH"),
        new("tls-password", "the PKCS#12 file's password", "SECRET", Environment: "CLUSTER_TLS_PASSWORD"),
        new("tls-ca", "the cluster CA certificate; a peer whose certificate does not chain to it is refused; required unless --no-tls", "PATH"),
        new("no-tls", "cluster traffic in clear text with no peer authentication: anyone who reaches the port joins (tests only)", ValueName: null),
        new("heartbeat-interval", "how often host nodes heartbeat to the VRM (default 3s)", "DURATION"),
    ];

    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(3);

    /// <summary>The formation of a node of <paramref name="role"/> listening on --listen (default <paramref name="defaultListen"/>).</summary>
    public static ClusterFormationSettings From(Settings s, string role, string defaultListen)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (host, port) = s.Endpoint("listen", defaultListen);
        var tls = Tls(s);
        var discovery = s.String("discovery") ?? "seeds";
        var formation = discovery switch
        {
            "seeds" => new ClusterFormationSettings(SystemName, [role], host, port, s.String("public-host"), DiscoveryMode.Seeds, Seeds(s, tls), Tls: tls),
            "kubernetes" => new ClusterFormationSettings(SystemName, [role], host, port, s.String("public-host"), DiscoveryMode.Kubernetes, Kubernetes: Kubernetes(s), Tls: tls),
            _ => throw s.Bad("discovery", $"must be seeds or kubernetes, got '{discovery}'"),
        };

        var errors = ClusterFormationValidator.Validate(formation);
        return errors.Count == 0 ? formation : throw new ConfigException(OptionOf(errors[0].Setting), errors[0].Reason);
    }

    private static TlsSettings Tls(Settings s)
    {
        if (s.Flag("no-tls"))
        {
            return s.Has("tls-certificate") || s.Has("tls-ca")
                ? throw s.Bad("no-tls", "is given together with --tls-certificate/--tls-ca; choose one")
                : TlsSettings.Off;
        }

        var certificate = s.Required("tls-certificate", "is required: cluster traffic is mutual TLS (make a CA and node certificates with scripts/make-certs.sh), or pass --no-tls for a test cluster");
        var ca = s.Required("tls-ca", "is required with --tls-certificate: peers are accepted only if their certificate chains to this CA");
        foreach (var (name, path) in new[] { ("tls-certificate", certificate), ("tls-ca", ca) })
        {
            if (!File.Exists(path))
            {
                throw s.Bad(name, $"'{path}' does not exist");
            }
        }

        return new TlsSettings(true, certificate, s.String("tls-password"), ca);
    }

    private static List<string> Seeds(Settings s, TlsSettings tls)
    {
        var given = s.Has("seed") ? s.List("seed") : ["127.0.0.1:9000"];
        return [.. given.Select(seed => seed.Contains("://", StringComparison.Ordinal) ? seed : Expand(s, seed, tls))];
    }

    private static string Expand(Settings s, string seed, TlsSettings tls) =>
        Settings.TryParseEndpoint(seed, out var endpoint)
            ? FormattableString.Invariant($"{tls.Scheme}://{SystemName}@{(endpoint.Host.Contains(':', StringComparison.Ordinal) ? $"[{endpoint.Host}]" : endpoint.Host)}:{endpoint.Port}")
            : throw s.Bad("seed", $"must be host:port or an akka address, got '{seed}'");

    private static KubernetesDiscoverySettings Kubernetes(Settings s)
    {
        if (s.Has("seed"))
        {
            throw s.Bad("seed", "is given but --discovery is kubernetes, which finds the contact points itself; remove one of them");
        }

        return new KubernetesDiscoverySettings(
            s.String("k8s-selector") ?? "app=cluster",
            s.String("k8s-namespace"),
            s.Int("k8s-contact-points", 2, min: 1),
            s.Int("management-port", 8558, min: 1, max: 65535),
            s.String("k8s-token-file"));
    }

    /// <summary>The command-line option of a formation setting, so an error names what the operator typed.</summary>
    private static string OptionOf(string setting) => setting switch
    {
        _ when setting.StartsWith(ClusterSettingNames.Seeds, StringComparison.Ordinal) => "--seed",
        ClusterSettingNames.Hostname or ClusterSettingNames.Port => "--listen",
        ClusterSettingNames.PublicHostname => "--public-host",
        ClusterSettingNames.PodLabelSelector => "--k8s-selector",
        ClusterSettingNames.PodNamespace => "--k8s-namespace",
        ClusterSettingNames.RequiredContactPoints => "--k8s-contact-points",
        ClusterSettingNames.ManagementPort => "--management-port",
        ClusterSettingNames.ApiTokenPath => "--k8s-token-file",
        ClusterSettingNames.TlsCertificatePath => "--tls-certificate",
        ClusterSettingNames.TlsCaCertificatePath => "--tls-ca",
        _ => setting,
    };
}
