using Cluster.Hosting.Configuration;

namespace Cluster.Hosting;

/// <summary>Settings every cluster process has: where it listens, the cluster secret, the heartbeat pace.</summary>
public static class CommonSettings
{
    public const string SecretVariable = "CLUSTER_SECRET";

    public static IReadOnlyList<SettingSpec> TransportSpecs { get; } =
    [
        new("public-host", "the host peers dial when it differs from --listen's (0.0.0.0, NAT, a pod's DNS name)", "HOST"),
        new("cluster-secret", "shared by every process of the cluster; proves membership in the TCP handshake (required)", "SECRET", Environment: SecretVariable),
        new("cluster-secret-file", "read the cluster secret from a file instead (keeps it out of ps)", "PATH"),
        new("heartbeat-interval", "how often host nodes heartbeat (default 3s)", "DURATION"),
    ];

    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(3);

    /// <summary>--listen (default <paramref name="defaultListen"/>), --public-host and the cluster secret.</summary>
    public static NodeTransportConfig Transport(Settings settings, string defaultListen)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (host, port) = settings.Endpoint("listen", defaultListen);
        return new NodeTransportConfig(host, port, settings.String("public-host"), ClusterSecret(settings));
    }

    /// <summary>The cluster secret from --cluster-secret-file, --cluster-secret or CLUSTER_SECRET; none is a config error.</summary>
    public static string ClusterSecret(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.String("cluster-secret-file") is { } path)
        {
            return ReadSecretFile(settings, "cluster-secret-file", path);
        }

        return settings.String("cluster-secret") is { Length: > 0 } secret
            ? secret
            : throw new ConfigException("--cluster-secret", $"is required: every process of a cluster must share one secret (pass --cluster-secret-file PATH or set {SecretVariable})");
    }

    /// <summary>A secret file's content, whitespace trimmed; unreadable or empty is a config error.</summary>
    public static string ReadSecretFile(Settings settings, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw settings.Bad(name, $"cannot read '{path}': {ex.Message}");
        }

        return text.Length > 0 ? text : throw settings.Bad(name, $"'{path}' is empty");
    }
}

/// <summary>Where a process's cluster transport listens, the host peers dial, and the secret it proves.</summary>
public sealed record NodeTransportConfig(string Host, int Port, string? PublicHost, string Secret)
{
    public override string ToString() => $"{PublicHost ?? Host}:{Port}";
}
