using Akka.Configuration;
using Cluster.Runtime.Sql;

namespace Cluster.Runtime.Leases;

/// <summary>The SQL half of a lease's config block (the timing half is Akka's own <c>TimeoutSettings</c>).</summary>
public sealed record SqlLeaseSettings(SqlProvider Provider, string ConnectionString, string Schema, string Table)
{
    public static SqlLeaseSettings From(Config leaseConfig)
    {
        ArgumentNullException.ThrowIfNull(leaseConfig);
        var provider = leaseConfig.GetString("provider", "") switch
        {
            "sqlite" => SqlProvider.Sqlite,
            "postgresql" => SqlProvider.PostgreSql,
            var other => throw new ConfigurationException($"SQL lease: provider must be 'sqlite' or 'postgresql', not '{other}'."),
        };
        var connectionString = leaseConfig.GetString("connection-string", "");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationException("SQL lease: connection-string is empty.");
        }

        return new SqlLeaseSettings(provider, connectionString, leaseConfig.GetString("schema", "public"), leaseConfig.GetString("table-name", "akka_leases"));
    }

    public LeaseDatabase OpenDatabase() => Provider switch
    {
        SqlProvider.Sqlite => new SqliteLeaseDatabase(ConnectionString, Table),
        _ => new PostgresLeaseDatabase(ConnectionString, Schema, Table),
    };
}
