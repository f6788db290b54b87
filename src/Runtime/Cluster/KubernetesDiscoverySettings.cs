namespace Cluster.Runtime.Cluster;

/// <summary>
/// Cluster Bootstrap through Akka.Discovery.KubernetesApi: the pods of <paramref name="PodLabelSelector"/> in
/// <paramref name="Namespace"/> are the contact points, each asked over Akka.Management's HTTP port.
/// </summary>
/// <param name="PodLabelSelector">A Kubernetes label selector, e.g. <c>app=cluster-controller</c>.</param>
/// <param name="Namespace">The pods' namespace; null reads the pod's own from the service-account mount.</param>
/// <param name="RequiredContactPoints">How many contact points must be found before the first node forms a new
/// cluster; at least 2 keeps two partitions that start apart from each forming their own.</param>
/// <param name="ManagementPort">Akka.Management's HTTP port, the same on every pod (it is how bootstrap probes them).</param>
/// <param name="ApiTokenPath">The bearer token sent to the Kubernetes API; null is the pod's service-account token
/// (<see cref="DefaultApiTokenPath"/>). The API server itself is <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>, which the
/// kubelet sets in every pod.</param>
public sealed record KubernetesDiscoverySettings(
    string PodLabelSelector,
    string? Namespace = null,
    int RequiredContactPoints = 2,
    int ManagementPort = 8558,
    string? ApiTokenPath = null)
{
    /// <summary>Where Kubernetes mounts a pod's service-account token (Akka.Discovery.KubernetesApi's default too).</summary>
    public const string DefaultApiTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";
}
