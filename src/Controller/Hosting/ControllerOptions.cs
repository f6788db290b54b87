using System.Globalization;
using System.Net;
using Cluster.Controller.FailureDetection;
using Cluster.Controller.Vrm;
using Cluster.Hosting;
using Cluster.Hosting.Akka;
using Cluster.Hosting.Configuration;
using Cluster.Messages;
using Cluster.Runtime.Cluster;

namespace Cluster.Controller.Hosting;

/// <summary>A datastore the active controller adds to the inventory (idempotently) when it becomes active.</summary>
public sealed record DatastoreConfig(DatastoreId Id, long CapacityGb);

/// <summary>The controller process's configuration, read and checked once at start.</summary>
public sealed record ControllerOptions
{
    public const long DefaultDatastoreCapacityGb = 10_240;

    public static IReadOnlyList<SettingSpec> Specs { get; } =
    [
        new("node-id", "this controller's name in its logs (default ctrl-<machine>-<port>); the lease holder is the cluster address", "NAME"),
        new("listen", "host:port this controller's Akka.Remote endpoint binds (default 127.0.0.1:9000)", "HOST:PORT"),
        .. ClusterNodeSettings.Specs,
        new("admin-urls", "where the admin API listens, comma-separated (default http://127.0.0.1:9110)", "URLS"),
        new("admin-token", "bearer token the admin API requires; required when --admin-urls is not loopback only", "TOKEN"),
        new("admin-token-file", "read the admin token from a file instead", "PATH"),
        new("admin-host-name", "a name besides loopback that clients reach the admin API by (its Host header); the hosts of --admin-urls are added; repeatable", "NAME", Repeatable: true),
        new("admin-allowed-origin", "a browser origin (scheme://host[:port]) allowed to call the admin API; none by default; repeatable", "ORIGIN", Repeatable: true),
        new("data-dir", "where the SQLite database and default storage-lease directory live (default ./data)", "DIR"),
        new("database", "sqlite:<path> (default sqlite:<data-dir>/cluster.db) or postgres:<connection string>", "DB"),
        new("postgres-schema", "the PostgreSQL schema (default public)", "SCHEMA"),
        new("storage-leases", "shared directory of VM storage write-leases (default <data-dir>/storage-leases), or postgres", "DIR|postgres"),
        new("format-storage-leases", "create the storage-lease marker file if missing (always done for the default directory)", null),
        new("datastore", "ID[:CAPACITY_GB] the active controller adds to the inventory; repeatable", "ID", Repeatable: true),
        new("datastore-overcommit", "thin provisioning: VMs' disks may provision this many times a datastore's capacity (default 1.0, at most 100)", "RATIO"),
        new("missed-heartbeats", "heartbeats a host may miss before it is Faulty (default 10)", "N"),
        new("failure-detector", "how hosts are judged: missed (missed heartbeats, default) or phi (phi accrual, Akka's defaults)", "missed|phi"),
        new(HostDetectionSetting.Name, "heartbeats (default: Faulty after --missed-heartbeats) or membership[:N] (also Faulty after N missed heartbeats, default 2, once the cluster has lost the host's node)", "MODE"),
        new(AdmissionSetting.Name, "HA admission control: none (default), tolerate:N, reserve:CPU%,MEM% or failover-hosts:h-1,h-2", "POLICY"),
        new("migrations-per-cluster", "live migrations open at once in the cluster; more wait in the queue (default 5)", "N"),
        new("migrations-out-per-host", "live migrations leaving one host at once (default 2)", "N"),
        new("migrations-per-host", "live migrations one host takes part in at once, leaving and arriving (default 8)", "N"),
        new("migrations-per-datastore", "live migrations of VMs of one datastore at once (default 128)", "N"),
    ];

    public const string DefaultListen = "127.0.0.1:9000";

    public const string Usage = "usage: Cluster.Controller [--setting value ...]";

    public required string NodeId { get; init; }

    /// <summary>How this controller joins the cluster (role controller): bind address, seeds or Kubernetes, TLS.</summary>
    public required ClusterFormationSettings Formation { get; init; }

    public required IReadOnlyList<string> AdminUrls { get; init; }

    public string? AdminToken { get; init; }

    public bool AdminTokenRequired { get; init; }

    /// <summary>Host names the admin API answers besides loopback: --admin-host-name and the hosts of --admin-urls.</summary>
    public IReadOnlyList<string> AdminHostNames { get; init; } = [];

    public IReadOnlyList<string> AdminAllowedOrigins { get; init; } = [];

    public required string DataDir { get; init; }

    /// <summary>"sqlite" or "postgres".</summary>
    public required string DatabaseKind { get; init; }

    /// <summary>The SQLite path or the PostgreSQL connection string.</summary>
    public required string DatabaseTarget { get; init; }

    public string PostgresSchema { get; init; } = "public";

    /// <summary>The shared lease directory, or null for the PostgreSQL store.</summary>
    public string? StorageLeaseDirectory { get; init; }

    public bool FormatStorageLeases { get; init; }

    public required IReadOnlyList<DatastoreConfig> Datastores { get; init; }

    public required VrmSettings Vrm { get; init; }

    public static ControllerOptions From(Settings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var formation = ClusterNodeSettings.From(s, ClusterRoles.Controller, DefaultListen);
        var dataDir = Path.GetFullPath(s.String("data-dir") ?? "data");
        var (kind, target) = Database(s, dataDir);
        var adminUrls = AdminUrlList(s);
        var tokenRequired = AdminBinding.TokenRequired(adminUrls);
        var token = s.String("admin-token-file") is { } tokenFile ? CommonSettings.ReadSecretFile(s, "admin-token-file", tokenFile) : s.String("admin-token");
        if (tokenRequired && string.IsNullOrEmpty(token))
        {
            throw new ConfigException("--admin-token", $"is required because --admin-urls ({string.Join(',', adminUrls)}) reaches beyond loopback; pass --admin-token-file PATH or set CLUSTER_ADMIN_TOKEN");
        }

        var storageLeases = s.String("storage-leases");
        if (storageLeases == "postgres" && kind != "postgres")
        {
            throw s.Bad("storage-leases", "postgres needs --database postgres:<connection string>");
        }

        var heartbeat = s.Duration("heartbeat-interval", ClusterNodeSettings.DefaultHeartbeatInterval);
        var missed = s.Int("missed-heartbeats", 10, min: 1);

        return new ControllerOptions
        {
            NodeId = s.String("node-id") ?? $"ctrl-{Environment.MachineName}-{formation.Port}",
            Formation = formation,
            AdminUrls = adminUrls,
            AdminToken = token,
            AdminTokenRequired = tokenRequired,
            AdminHostNames = [.. s.List("admin-host-name").Select(n => HostName(s, n)), .. adminUrls.Select(AdminBinding.NamedHost).OfType<string>()],
            AdminAllowedOrigins = [.. s.List("admin-allowed-origin").Select(o => Origin(s, o))],
            DataDir = dataDir,
            DatabaseKind = kind,
            DatabaseTarget = target,
            PostgresSchema = CommonSettings.PostgresSchema(s),
            StorageLeaseDirectory = storageLeases == "postgres" ? null : Path.GetFullPath(storageLeases ?? Path.Combine(dataDir, "storage-leases")),
            FormatStorageLeases = storageLeases is null || s.Flag("format-storage-leases"),
            Datastores = [.. s.List("datastore").Select(d => Datastore(s, d))],
            Vrm = new VrmSettings
            {
                FailureDetector = new FailureDetectorOptions
                {
                    Kind = FailureDetectorKind(s),
                    MissedHeartbeats = new MissedHeartbeatsOptions { Interval = heartbeat, MaxMissed = missed },
                },
                HostDetection = HostDetectionSetting.Read(s, missed),
                Admission = AdmissionSetting.Read(s),
                DatastoreOvercommit = Overcommit(s),
                DetectionTick = heartbeat < TimeSpan.FromSeconds(1) ? heartbeat : TimeSpan.FromSeconds(1),
                MaxConcurrentMigrations = s.Int("migrations-per-cluster", 5, min: 1),
                MaxOutboundMigrationsPerHost = s.Int("migrations-out-per-host", 2, min: 1),
                MaxMigrationsPerHost = s.Int("migrations-per-host", 8, min: 1),
                MaxMigrationsPerDatastore = s.Int("migrations-per-datastore", 128, min: 1),
            },
        };
    }

    private static FailureDetection.FailureDetectorKind FailureDetectorKind(Settings s) => (s.String("failure-detector") ?? "missed") switch
    {
        "missed" => FailureDetection.FailureDetectorKind.MissedHeartbeats,
        "phi" => FailureDetection.FailureDetectorKind.PhiAccrual,
        var other => throw s.Bad("failure-detector", $"must be missed or phi, got '{other}'"),
    };

    private static (string Kind, string Target) Database(Settings s, string dataDir)
    {
        var text = s.String("database") ?? "sqlite:" + Path.Combine(dataDir, "cluster.db");
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var target = colon < 0 ? string.Empty : text[(colon + 1)..];
        return kind switch
        {
            _ when target.Length == 0 => throw s.Bad("database", $"must be sqlite:<path> or postgres:<connection string>, got '{text}'"),
            "sqlite" => (kind, Path.GetFullPath(target)),
            "postgres" => (kind, target),
            _ => throw s.Bad("database", $"must start with sqlite: or postgres:, got '{kind}:'"),
        };
    }

    private static List<string> AdminUrlList(Settings s)
    {
        var text = s.String("admin-urls") ?? "http://127.0.0.1:9110";
        var urls = text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw s.Bad("admin-urls", $"must be http://host:port URLs, got '{url}'");
            }
        }

        return urls.Count > 0 ? urls : throw s.Bad("admin-urls", "is empty");
    }

    private static double Overcommit(Settings s)
    {
        if (s.String("datastore-overcommit") is not { } text)
        {
            return 1.0;
        }

        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio) && ratio is > 0 and <= 100
            ? ratio
            : throw s.Bad("datastore-overcommit", $"must be a number above 0 and at most 100 (1.0 = no overcommit, 2.5 = thin disks may provision 2.5 times the capacity), got '{text}'");
    }

    private static string HostName(Settings s, string text) =>
        Uri.CheckHostName(Admin.AllowedHosts.NameOnly(text)) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? text.Trim()
            : throw s.Bad("admin-host-name", $"must be a host name or address, optionally with :port, got '{text}'");

    private static string Origin(Settings s, string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : throw s.Bad("admin-allowed-origin", $"must be an origin like https://console.example:8443 (scheme, host, optional port, nothing else), got '{text}'");

    private static DatastoreConfig Datastore(Settings s, string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var id = colon < 0 ? text : text[..colon];
        var capacity = DefaultDatastoreCapacityGb;
        if (colon >= 0 && (!long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity <= 0))
        {
            throw s.Bad("datastore", $"must be ID or ID:CAPACITY_GB with a positive capacity, got '{text}'");
        }

        try
        {
            return new DatastoreConfig(new DatastoreId(id), capacity);
        }
        catch (ArgumentException ex)
        {
            throw s.Bad("datastore", $"'{id}' is not a valid datastore id: {ex.Message}");
        }
    }
}

/// <summary>Which addresses an admin URL list binds, for <see cref="Admin.AdminApiOptions.TokenRequiredFor"/>.</summary>
public static class AdminBinding
{
    public static bool TokenRequired(IEnumerable<string> urls) =>
        Admin.AdminApiOptions.TokenRequiredFor(urls.Select(BoundAddress));

    /// <summary>The host an admin URL names, when it names one (not a wildcard): clients may send it as Host.</summary>
    public static string? NamedHost(string url)
    {
        var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        return uri.Host is "0.0.0.0" or "[::]" ? null : uri.Host;
    }

    /// <summary>The address and port an admin URL binds (wildcards as 0.0.0.0; no port is the scheme's).</summary>
    public static (string Host, int Port) Endpoint(string url)
    {
        var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        return (uri.Host.Trim('[', ']'), uri.Port);
    }

    private static IPAddress BoundAddress(string url)
    {
        var host = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        var name = new Uri(host).Host.Trim('[', ']');
        if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        // A name other than localhost may resolve to anything: count it as reachable from the network.
        return IPAddress.TryParse(name, out var address) ? address : IPAddress.Any;
    }
}
