using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Cluster.Deploy.Tests;

/// <summary>
/// What one of our containers would run, resolved as the kubelet resolves it: the program (its command, else the
/// Dockerfile's ENTRYPOINT), the arguments with <c>$(VAR)</c> expanded, and the environment from values, field refs and
/// Secret keys. Mounted files are made under a temporary root, and arguments that name them are pointed there, so a
/// parser that checks a file exists sees the file the mount would provide.
/// </summary>
internal sealed partial class ContainerLaunch : IDisposable
{
    /// <summary>What the downward API gives a pod, as a cluster would.</summary>
    private static readonly Dictionary<string, string> FieldValues = new(StringComparer.Ordinal)
    {
        ["status.podIP"] = "10.244.1.7",
        ["metadata.name"] = "cluster-controller-0",
        ["metadata.namespace"] = "cluster-system",
        ["spec.nodeName"] = "compute-1",
    };

    private readonly string _root = Directory.CreateTempSubdirectory("deploy-launch-").FullName;

    public ContainerLaunch(V1PodSpec pod, V1Container container, IReadOnlyDictionary<(string Secret, string Key), string> secretValues)
    {
        Program = container.Command is { Count: > 0 } command ? command[0] : DockerfileEntrypoint()[0];
        foreach (var variable in container.Env ?? [])
        {
            Environment[variable.Name] = variable switch
            {
                { Value: { } value } => value,
                { ValueFrom.FieldRef.FieldPath: { } field } => FieldValues.TryGetValue(field, out var v) ? v : throw new InvalidOperationException($"{container.Name}: env {variable.Name}: no sample for field {field}"),
                { ValueFrom.SecretKeyRef: { } secret } => SecretValue(secretValues, secret.Name, secret.Key, $"{container.Name}: env {variable.Name}"),
                _ => throw new InvalidOperationException($"{container.Name}: env {variable.Name} has no value this test knows how to give"),
            };
        }

        var mounts = MountFiles(pod, container, secretValues);
        Args = [.. (container.Args ?? []).Select(Expand).Select(a => Remap(a, mounts))];
    }

    public string Program { get; }

    public IReadOnlyList<string> Args { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The variables <c>$(NAME)</c> in the container's args refer to.</summary>
    public static IEnumerable<string> References(V1Container container) =>
        (container.Args ?? []).SelectMany(a => VariableReference().Matches(a).Select(m => m.Groups[1].Value));

    /// <summary>The Dockerfile's exec-form ENTRYPOINT.</summary>
    public static IReadOnlyList<string> DockerfileEntrypoint()
    {
        var line = File.ReadLines(RepoFiles.PathOf("Dockerfile")).Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        return JsonSerializer.Deserialize<string[]>(line["ENTRYPOINT ".Length..]) ?? throw new InvalidOperationException("ENTRYPOINT is not exec form");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string SecretValue(IReadOnlyDictionary<(string Secret, string Key), string> values, string secret, string key, string where) =>
        values.TryGetValue((secret, key), out var value) ? value : throw new InvalidOperationException($"{where}: no sample value for Secret {secret} key {key}");

    private string Expand(string arg) => VariableReference().Replace(arg, m =>
        Environment.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private List<string> MountFiles(V1PodSpec pod, V1Container container, IReadOnlyDictionary<(string Secret, string Key), string> secretValues)
    {
        var paths = new List<string>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Volumes.Single(v => v.Name == mount.Name);
            var target = Path.Combine(_root, mount.MountPath.TrimStart('/'));
            Directory.CreateDirectory(target);
            paths.Add(mount.MountPath);
            if (volume.Secret is { } secret)
            {
                foreach (var item in secret.Items ?? [])
                {
                    File.WriteAllText(Path.Combine(target, item.Path), SecretValue(secretValues, secret.SecretName, item.Key, $"{container.Name}: volume {volume.Name}"));
                }
            }
        }

        return paths;
    }

    private string Remap(string arg, List<string> mounts) =>
        mounts.FirstOrDefault(m => arg == m || arg.StartsWith(m.TrimEnd('/') + "/", StringComparison.Ordinal)) is { } mount
            ? Path.Combine(_root, arg.TrimStart('/'))
            : arg;

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();
}
