using k8s.Models;

namespace Cluster.Deploy.Tests;

/// <summary>A pod-making object (StatefulSet, DaemonSet, Deployment): its selector and its pod template.</summary>
internal sealed record Workload(string Kind, string Name, V1LabelSelector Selector, V1PodTemplateSpec Template)
{
    /// <summary>The image our Dockerfile builds (its kustomization's image name).</summary>
    public const string OurImage = "cluster";

    public IDictionary<string, string> PodLabels => Template.Metadata.Labels;

    public V1PodSpec Pod => Template.Spec;

    public static IReadOnlyList<Workload> In(Kustomization k) =>
    [
        .. k.All<V1StatefulSet>().Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Selector, s.Spec.Template)),
        .. k.All<V1DaemonSet>().Select(d => new Workload("DaemonSet", d.Metadata.Name, d.Spec.Selector, d.Spec.Template)),
        .. k.All<V1Deployment>().Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Selector, d.Spec.Template)),
    ];

    /// <summary>The containers that run our image (PostgreSQL's does not).</summary>
    public IEnumerable<V1Container> OurContainers => Pod.Containers.Where(c => c.Image.Split(':')[0] == OurImage);

    /// <summary>Equality-based selection (matchLabels; matchExpressions are not used in deploy/k8s and fail here).</summary>
    public static bool Selects(IDictionary<string, string> selector, IDictionary<string, string>? labels) =>
        labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    /// <summary>A label selector as --k8s-selector takes it ("a=b,c=d"), as a dictionary.</summary>
    public static Dictionary<string, string> ParseSelector(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(part => part.Split('=')).ToDictionary(
            p => p.Length == 2 ? p[0] : throw new FormatException($"'{text}' is not an equality selector"), p => p[1], StringComparer.Ordinal);
}
