using Akka.Configuration;
using Akka.Hosting;
using Cluster.Runtime.Sql;

namespace Cluster.Runtime.Leases;

/// <summary>
/// The lease's config block. Akka resolves a lease by config path (<c>LeaseProvider.GetLease(name, path, owner)</c>)
/// and Akka.Cluster.Hosting only writes that path into the singleton and SBR settings: the block itself must exist,
/// or the provider throws a NullReferenceException when the singleton starts (issue 7). So it is always added here.
/// </summary>
public static class SqlLeaseConfig
{
    /// <summary>The config path to give ClusterSingletonManager's use-lease and SBR lease-majority's lease-implementation.</summary>
    public const string ConfigPath = "cluster.sql-lease";

    /// <summary>The tuned figures of issue 7: TTL 3 s renewed every 500 ms, so a dead holder frees it within 3 s.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan DefaultHeartbeatTimeout = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(2);

    public static Config Sqlite(string connectionString, TimeSpan? heartbeatInterval = null, TimeSpan? heartbeatTimeout = null) =>
        Block(SqlProvider.Sqlite, connectionString, "public", heartbeatInterval, heartbeatTimeout);

    public static Config Postgres(string connectionString, string schema, TimeSpan? heartbeatInterval = null, TimeSpan? heartbeatTimeout = null) =>
        Block(SqlProvider.PostgreSql, connectionString, SqlIdentifier.Check(schema, nameof(schema)), heartbeatInterval, heartbeatTimeout);

    /// <summary>The block for host nodes: same path, granted only while a controller is reachable (<see cref="HostSideLease"/>).</summary>
    public static Config HostSide() =>
        ConfigurationFactory.ParseString($$"""
            {{ConfigPath}} {
              lease-class = "{{HoconText.TypeName(typeof(HostSideLease))}}"
              heartbeat-interval = {{HoconText.Millis(DefaultHeartbeatInterval)}}
              heartbeat-timeout = {{HoconText.Millis(DefaultHeartbeatTimeout)}}
              lease-operation-timeout = {{HoconText.Millis(DefaultOperationTimeout)}}
            }
            """);

    /// <summary>Adds the block through Akka.Hosting, for the singleton's and SBR's lease settings to point at.</summary>
    public static AkkaConfigurationBuilder AddSqlLease(this AkkaConfigurationBuilder builder, Config leaseBlock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(leaseBlock, HoconAddMode.Prepend);
    }

    private static Config Block(SqlProvider provider, string connectionString, string schema, TimeSpan? interval, TimeSpan? timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var heartbeatInterval = interval ?? DefaultHeartbeatInterval;
        var heartbeatTimeout = timeout ?? DefaultHeartbeatTimeout;
        if (heartbeatInterval >= heartbeatTimeout)
        {
            throw new ArgumentException($"The heartbeat interval ({heartbeatInterval}) must be shorter than the lease TTL ({heartbeatTimeout}).", nameof(interval));
        }

        return ConfigurationFactory.ParseString($$"""
            {{ConfigPath}} {
              lease-class = "{{HoconText.TypeName(typeof(SqlLease))}}"
              heartbeat-interval = {{HoconText.Millis(heartbeatInterval)}}
              heartbeat-timeout = {{HoconText.Millis(heartbeatTimeout)}}
              lease-operation-timeout = {{HoconText.Millis(DefaultOperationTimeout)}}
              provider = {{(provider == SqlProvider.Sqlite ? "sqlite" : "postgresql")}}
              connection-string = {{HoconText.Quote(connectionString)}}
              schema = {{schema}}
              table-name = akka_leases
            }
            """);
    }
}
