using Cluster.Hosting;
using Cluster.Hosting.Akka;
using Cluster.Hosting.Configuration;
using Cluster.Messages;
using Cluster.Runtime.Cluster;

namespace Cluster.HostNode.Hosting;

/// <summary>
/// The host-node (CNA) process's configuration, read and checked once at start. The node joins the cluster as role
/// <c>host</c> through its seeds and reaches the VRM through the singleton proxy, so no controller address is configured.
/// </summary>
public sealed record HostNodeOptions
{
    public const string Usage = "usage: Cluster.HostNode [--setting value ...]";

    /// <summary>The fallback host id when the machine name cannot be made a valid one.</summary>
    public const string FallbackHostId = "host";

    public static IReadOnlyList<SettingSpec> Specs { get; } =
    [
        new("host-id", "this compute host's id: lower-case letters, digits and '-', at most 64 (default: the machine name made so)", "ID"),
        new("listen", "host:port of the cluster transport (default 127.0.0.1:9120)", "HOST:PORT"),
        .. ClusterNodeSettings.Specs,
        new("sockets", "CPU sockets (default 2)", "N"),
        new("cores", "cores per socket (default 10)", "N"),
        new("threads", "threads per core (default 2)", "N"),
        new("clock-mhz", "core clock in MHz (default 2600)", "MHZ"),
        new("memory-mb", "memory in MB (default 262144)", "MB"),
        new("datastore", "a datastore this host reaches; repeatable", "ID", Repeatable: true),
        new("cpu-vendor", "the CPU vendor this host offers to VMs' CPU baselines, e.g. GenuineIntel (default: none, so only baselines that name no vendor fit)", "VENDOR"),
        new("cpu-feature", "a CPU feature flag this host offers to VMs' CPU baselines, e.g. avx2; repeatable", "FLAG", Repeatable: true),
        new("storage-leases", "the shared storage-lease directory (an absolute path), postgres:<connection string>, or none (no write-leases); without it the host reports its datastores unreachable and gets no VMs", "DIR"),
        new("migration-listen", "host:port where incoming live migrations are accepted, as tcp:HOST:PORT (default 127.0.0.1:0: loopback, a port the OS picks); a wildcard host needs --public-host", "HOST:PORT"),
        new("health-listen", "host:port of an HTTP listener serving only the probes /healthz/live and /healthz/ready (default: none; 0.0.0.0:PORT for Kubernetes' kubelet)", "HOST:PORT"),
        new("guest-state", "a file where the simulated hypervisor's guests and their storage leases outlive this process: written when it stops (SIGTERM), taken back and removed at the next start, as a real hypervisor's guests outlive its agent (default: none, guests end with the process)", "PATH"),
        new("postgres-schema", "with --storage-leases postgres:..., the schema of the lease table: the controllers' --postgres-schema (default public)", "SCHEMA"),
    ];

    public required HostId HostId { get; init; }

    public const string DefaultListen = "127.0.0.1:9120";

    /// <summary>How the node joins: role host, --listen, --seed (default 127.0.0.1:9000), TLS unless --no-tls.</summary>
    public required ClusterFormationSettings Formation { get; init; }

    public required HostHardware Hardware { get; init; }

    public required IReadOnlyList<DatastoreId> Datastores { get; init; }

    /// <summary>What the host offers VMs' CPU baselines (FusionCompute IMC, vSphere EVC): as configured, no detection.</summary>
    public CpuFeatureSet CpuFeatures { get; init; } = CpuFeatureSet.None;

    /// <summary>An absolute directory, "postgres:&lt;connection string&gt;", "none", or null when not configured.</summary>
    public required string? StorageLeases { get; init; }

    public required TimeSpan HeartbeatInterval { get; init; }

    public const string DefaultMigrationListen = "127.0.0.1:0";

    /// <summary>Where incoming live migrations are accepted (port 0: the OS picks), and the host sources dial there.</summary>
    public required MigrationListenSettings MigrationListen { get; init; }

    /// <summary>Where the probe listener binds, or null for none.</summary>
    public (string Host, int Port)? HealthListen { get; init; }

    /// <summary>Where the guests are kept across a restart of the process (<c>--guest-state</c>), or null.</summary>
    public string? GuestStateFile { get; init; }

    /// <summary>The PostgreSQL schema of the storage-lease table, the same as the controllers'.</summary>
    public string PostgresSchema { get; init; } = "public";

    public static HostNodeOptions From(Settings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var formation = ClusterNodeSettings.From(s, ClusterRoles.Host, DefaultListen);
        var storageLeases = s.String("storage-leases");
        if (storageLeases is not null && storageLeases.StartsWith("postgres:", StringComparison.Ordinal) && storageLeases.Length == "postgres:".Length)
        {
            throw s.Bad("storage-leases", "postgres: needs a connection string after the colon");
        }

        if (storageLeases is not null && storageLeases != "none" && !storageLeases.StartsWith("postgres:", StringComparison.Ordinal) && !Path.IsPathFullyQualified(storageLeases))
        {
            throw s.Bad("storage-leases", $"'{storageLeases}' must be an absolute path (a relative one would depend on the working directory)");
        }

        return new HostNodeOptions
        {
            HostId = HostIdFrom(s),
            Formation = formation,
            Hardware = new HostHardware(
                s.Int("sockets", 2, min: 1),
                s.Int("cores", 10, min: 1),
                s.Int("threads", 2, min: 1),
                s.Long("clock-mhz", 2600, min: 1),
                s.Long("memory-mb", 262_144, min: HostHardware.DefaultReservedMemoryMb + 1)),
            Datastores = [.. s.List("datastore").Select(d => Id(s, "datastore", d, v => new DatastoreId(v)))],
            CpuFeatures = CpuFeaturesFrom(s),
            StorageLeases = storageLeases,
            HeartbeatInterval = s.Duration("heartbeat-interval", ClusterNodeSettings.DefaultHeartbeatInterval),
            MigrationListen = MigrationListenSettings.From(s, formation.PublicHostname),
            HealthListen = s.Has("health-listen") ? s.Endpoint("health-listen", string.Empty) : null,
            PostgresSchema = CommonSettings.PostgresSchema(s),
            GuestStateFile = GuestStateFileFrom(s),
        };
    }

    private static string? GuestStateFileFrom(Settings s)
    {
        if (s.String("guest-state") is not { } path)
        {
            return null;
        }

        var full = Path.GetFullPath(path);
        return Directory.Exists(Path.GetDirectoryName(full))
            ? full
            : throw s.Bad("guest-state", $"the directory of '{path}' does not exist");
    }

    /// <summary>The --host-id, validated like a VM name; by default the machine name made valid (lower-cased, other characters as '-').</summary>
    private static HostId HostIdFrom(Settings s)
    {
        if (s.String("host-id") is not { } given)
        {
            return HostId.From(DefaultHostId(Environment.MachineName));
        }

        return NameRules.Problem(given) is { } problem
            ? throw s.Bad("host-id", $"'{given}' {problem}")
            : HostId.From(given);
    }

    private static CpuFeatureSet CpuFeaturesFrom(Settings s)
    {
        var vendor = s.String("cpu-vendor") ?? string.Empty;
        if (vendor.Length > VmLimits.MaxNameLength)
        {
            throw s.Bad("cpu-vendor", $"must be at most {VmLimits.MaxNameLength} characters, got {vendor.Length}");
        }

        var features = s.List("cpu-feature");
        if (features.FirstOrDefault(f => f.Length is 0 || f.Length > VmLimits.MaxNameLength || f.Any(char.IsWhiteSpace)) is { } bad)
        {
            throw s.Bad("cpu-feature", $"'{bad}' must be 1 to {VmLimits.MaxNameLength} characters with no spaces");
        }

        return features.Count > VmLimits.MaxCpuFeatures
            ? throw s.Bad("cpu-feature", $"at most {VmLimits.MaxCpuFeatures} flags, got {features.Count}")
            : new CpuFeatureSet(vendor, features);
    }

    /// <summary>A valid host id made from a machine name, or <see cref="FallbackHostId"/>.</summary>
    public static string DefaultHostId(string machineName) => NameRules.Sanitize(machineName) ?? FallbackHostId;

    private static T Id<T>(Settings s, string name, string value, Func<string, T> create)
    {
        try
        {
            return create(value);
        }
        catch (ArgumentException ex)
        {
            throw s.Bad(name, $"'{value}' is not a valid id: {ex.Message}");
        }
    }
}
