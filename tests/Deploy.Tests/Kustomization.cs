using k8s;
using YamlDotNet.RepresentationModel;

namespace Cluster.Deploy.Tests;

/// <summary>
/// One kustomization of deploy/k8s, resolved as <c>kubectl apply -k</c> would: its resources (files, and folders with
/// their own kustomization, recursively), each document parsed strictly into KubernetesClient's typed models, and the
/// Secrets its secretGenerators make (name and keys; the files themselves are the operator's).
/// </summary>
internal sealed class Kustomization
{
    private Kustomization(string folder, IReadOnlyList<ManifestDocument> documents, IReadOnlyDictionary<string, IReadOnlySet<string>> generatedSecrets)
    {
        Folder = folder;
        Documents = documents;
        GeneratedSecrets = generatedSecrets;
    }

    /// <summary>The kustomizations an operator applies.</summary>
    public static IReadOnlyList<string> Applied { get; } = ["deploy/k8s/base", "deploy/k8s/overlays/in-cluster-postgres"];

    public string Folder { get; }

    public IReadOnlyList<ManifestDocument> Documents { get; }

    /// <summary>Secret name to its keys.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> GeneratedSecrets { get; }

    public IEnumerable<T> All<T>() => Documents.Select(d => d.Object).OfType<T>();

    public static Kustomization Load(string folder)
    {
        var documents = new List<ManifestDocument>();
        var secrets = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        Collect(RepoFiles.PathOf(folder), documents, secrets);
        return new Kustomization(folder, documents, secrets);
    }

    /// <summary>Every document of <paramref name="text"/>, refusing unknown fields (only the string overload honours strict).</summary>
    public static IReadOnlyList<object> ParseStrict(string text) => KubernetesYaml.LoadAllFromString(text, strict: true);

    private static void Collect(string folder, List<ManifestDocument> documents, Dictionary<string, IReadOnlySet<string>> secrets)
    {
        var root = ReadYaml(Path.Combine(folder, "kustomization.yaml"));
        foreach (var resource in Sequence(root, "resources").Select(n => ((YamlScalarNode)n).Value!))
        {
            var path = Path.GetFullPath(Path.Combine(folder, resource));
            if (Directory.Exists(path))
            {
                Collect(path, documents, secrets);
                continue;
            }

            var text = File.ReadAllText(path);
            documents.AddRange(ParseStrict(text).Select(o => new ManifestDocument(Path.GetRelativePath(RepoFiles.Root, path), o)));
        }

        foreach (var generator in Sequence(root, "secretGenerator").Cast<YamlMappingNode>())
        {
            var name = ((YamlScalarNode)generator.Children[new YamlScalarNode("name")]).Value!;
            var keys = Sequence(generator, "files").Select(n => ((YamlScalarNode)n).Value!).Select(f => f.Contains('=', StringComparison.Ordinal) ? f[..f.IndexOf('=', StringComparison.Ordinal)] : Path.GetFileName(f));
            secrets[name] = keys.ToHashSet(StringComparer.Ordinal);
        }
    }

    private static YamlMappingNode ReadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlSequenceNode)value : [];
}

/// <summary>A parsed Kubernetes object and the file it came from.</summary>
internal sealed record ManifestDocument(string File, object Object);
