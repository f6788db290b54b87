using k8s;
using k8s.Models;

namespace Cluster.Deploy.Tests;

/// <summary>Every document of deploy/k8s parses strictly into KubernetesClient's typed models, as the API server would take it.</summary>
public sealed class ManifestParsingTests
{
    public static TheoryData<string> Kustomizations => [.. Kustomization.Applied];

    public static TheoryData<string> Files => [.. Directory.EnumerateFiles(RepoFiles.PathOf("deploy/k8s"), "*.yaml", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != "kustomization.yaml").Select(f => Path.GetRelativePath(RepoFiles.Root, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_document_parses_strictly_into_a_typed_object_with_a_name_and_our_namespace(string file)
    {
        var documents = Kustomization.ParseStrict(File.ReadAllText(RepoFiles.PathOf(file)));

        Assert.NotEmpty(documents);
        Assert.All(documents, d =>
        {
            var meta = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(d).Metadata;
            Assert.False(string.IsNullOrEmpty(meta.Name));
            Assert.Equal(d is V1Namespace ? null : "cluster-system", meta.NamespaceProperty);
        });
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_file_a_kustomization_lists_is_there_and_in_it(string folder)
    {
        var kustomization = Kustomization.Load(folder);

        Assert.Contains(kustomization.All<V1Namespace>(), n => n.Metadata.Name == "cluster-system");
        Assert.Single(kustomization.All<V1StatefulSet>(), s => s.Metadata.Name == "cluster-controller");
        Assert.Single(kustomization.All<V1DaemonSet>(), d => d.Metadata.Name == "cluster-host-node");
    }

    [Fact]
    public void A_misspelt_field_is_refused_so_the_parsing_test_can_fail()
    {
        const string Misspelt = """
            apiVersion: v1
            kind: Service
            metadata:
              name: x
            spec:
              selectr:
                app: x
            """;

        Assert.ThrowsAny<Exception>(() => Kustomization.ParseStrict(Misspelt));
    }
}
