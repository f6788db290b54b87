namespace Cluster.Runtime.Cluster;

/// <summary>The names errors use for each setting, the same as the keys of the "Cluster" settings section.</summary>
public static class ClusterSettingNames
{
    public const string SystemName = "cluster.system-name";
    public const string Roles = "cluster.roles";
    public const string Hostname = "cluster.hostname";
    public const string Port = "cluster.port";
    public const string PublicHostname = "cluster.public-hostname";
    public const string Seeds = "cluster.seeds";
    public const string Kubernetes = "cluster.kubernetes";
    public const string PodLabelSelector = "cluster.kubernetes.pod-label-selector";
    public const string PodNamespace = "cluster.kubernetes.namespace";
    public const string RequiredContactPoints = "cluster.kubernetes.required-contact-points";
    public const string ManagementPort = "cluster.kubernetes.management-port";
    public const string ApiTokenPath = "cluster.kubernetes.api-token-path";
    public const string TlsCertificatePath = "cluster.tls.certificate-path";
    public const string TlsCaCertificatePath = "cluster.tls.ca-certificate-path";
    public const string TlsTrustedThumbprints = "cluster.tls.trusted-thumbprints";
    public const string Timings = "cluster.timings";

    public static string Seed(int index) => FormattableString.Invariant($"{Seeds}[{index}]");
}
