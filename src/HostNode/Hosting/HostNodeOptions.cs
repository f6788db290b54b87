using Cluster.Actors;
using Cluster.Hosting;
using Cluster.Hosting.Configuration;
using Cluster.Messages;

namespace Cluster.HostNode.Hosting;

/// <summary>The host-node (CNA) process's configuration, read and checked once at start.</summary>
public sealed record HostNodeOptions
{
    public const string Usage = "usage: Cluster.HostNode [--setting value ...]";

    public const string DefaultStorageLeases = "data/storage-leases";

    public static IReadOnlyList<SettingSpec> Specs { get; } =
    [
        new("host-id", "this compute host's id (default: the machine name)", "ID"),
        new("listen", "host:port of the cluster TCP transport (default 127.0.0.1:9120)", "HOST:PORT"),
        .. CommonSettings.TransportSpecs,
        new("controller", "host:port of a controller process's --listen, exactly as it listens; repeat for each controller (default 127.0.0.1:9000)", "HOST:PORT", Repeatable: true),
        new("sockets", "CPU sockets (default 2)", "N"),
        new("cores", "cores per socket (default 10)", "N"),
        new("threads", "threads per core (default 2)", "N"),
        new("clock-mhz", "core clock in MHz (default 2600)", "MHZ"),
        new("memory-mb", "memory in MB (default 262144)", "MB"),
        new("datastore", "a datastore this host reaches; repeatable", "ID", Repeatable: true),
        new("storage-leases", "the shared storage-lease directory (default ./data/storage-leases), postgres:<connection string>, or none", "DIR"),
    ];

    public required HostId HostId { get; init; }

    public required NodeTransportConfig Transport { get; init; }

    public required IReadOnlyList<ActorPath> Controllers { get; init; }

    public required HostHardware Hardware { get; init; }

    public required IReadOnlyList<DatastoreId> Datastores { get; init; }

    /// <summary>A directory, "postgres:&lt;connection string&gt;", or "none".</summary>
    public required string StorageLeases { get; init; }

    public required TimeSpan HeartbeatInterval { get; init; }

    public static HostNodeOptions From(Settings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var transport = CommonSettings.Transport(s, "127.0.0.1:9120");
        var controllers = s.Has("controller") ? s.Endpoints("controller") : [("127.0.0.1", 9000)];
        var storageLeases = s.String("storage-leases") ?? DefaultStorageLeases;
        if (storageLeases.StartsWith("postgres:", StringComparison.Ordinal) && storageLeases.Length == "postgres:".Length)
        {
            throw s.Bad("storage-leases", "postgres: needs a connection string after the colon");
        }

        return new HostNodeOptions
        {
            HostId = Id(s, "host-id", s.String("host-id") ?? Environment.MachineName, v => new HostId(v)),
            Transport = transport,
            Controllers = [.. controllers.Select(c => ClusterNode.ControllerAt(c.Host, c.Port))],
            Hardware = new HostHardware(
                s.Int("sockets", 2, min: 1),
                s.Int("cores", 10, min: 1),
                s.Int("threads", 2, min: 1),
                s.Long("clock-mhz", 2600, min: 1),
                s.Long("memory-mb", 262_144, min: HostHardware.DefaultReservedMemoryMb + 1)),
            Datastores = [.. s.List("datastore").Select(d => Id(s, "datastore", d, v => new DatastoreId(v)))],
            StorageLeases = storageLeases is "none" || storageLeases.StartsWith("postgres:", StringComparison.Ordinal) ? storageLeases : Path.GetFullPath(storageLeases),
            HeartbeatInterval = s.Duration("heartbeat-interval", CommonSettings.DefaultHeartbeatInterval),
        };
    }

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
