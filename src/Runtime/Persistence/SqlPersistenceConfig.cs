using Akka.Configuration;
using Cluster.Runtime.Serialization;
using Cluster.Runtime.Sql;
using LinqToDB;
using Microsoft.Data.Sqlite;
using AkkaSql = Akka.Persistence.Sql.SqlPersistence;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// Builds <see cref="SqlPersistence"/> for SQLite (a file in the data dir, WAL, synchronous=NORMAL) or PostgreSQL (one
/// schema). Tables are created by the plugin on first start (auto-initialize); the PostgreSQL schema is created by
/// <see cref="PostgresDdl"/>. Table names carry an <c>akka_</c> prefix: a database created before issue 7 still holds
/// the old runtime's journal, snapshots and leases tables, and the plugin's default journal table is also "journal".
/// </summary>
public static class SqlPersistenceConfig
{
    public const string JournalPluginId = AkkaSql.JournalConfigPath;
    public const string SnapshotPluginId = AkkaSql.SnapshotStoreConfigPath;
    public const string QueryPluginId = AkkaSql.QueryConfigPath;
    public const string JournalTable = "akka_journal";
    public const string SnapshotTable = "akka_snapshot";

    /// <summary>linq2db's SQLite provider over Microsoft.Data.Sqlite, the driver the rest of the project uses.</summary>
    public const string SqliteProviderName = ProviderName.SQLiteMS;

    public const string PostgresProviderName = ProviderName.PostgreSQL15;

    /// <summary>The controller's default database file, &lt;data-dir&gt;/cluster.db, as src/Controller names it.</summary>
    public static SqlPersistence SqliteInDataDir(string dataDir) => Sqlite(Path.Combine(dataDir, "cluster.db"));

    public static SqlPersistence Sqlite(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        var dataOptions = new DataOptions()
            .UseConnectionString(SqliteProviderName, connectionString)
            .UseInterceptor(new SqliteConnectionTuning());
        return new SqlPersistence(Hocon(connectionString, SqliteProviderName, schema: null), dataOptions);
    }

    /// <summary>PostgreSQL in <paramref name="schema"/>; call <see cref="PostgresDdl.CreateSchemaIfMissingAsync"/> before the system starts.</summary>
    public static SqlPersistence Postgres(string connectionString, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new SqlPersistence(Hocon(connectionString, PostgresProviderName, SqlIdentifier.Check(schema, nameof(schema))), ConnectionOptions: null);
    }

    private static Config Hocon(string connectionString, string providerName, string? schema)
    {
        var connection = $"""
            connection-string = {HoconText.Quote(connectionString)}
            provider-name = "{providerName}"
            """;
        var schemaName = schema is null ? "null" : schema;

        // The read journal copies the journal's table mapping when the plugin's reference config is parsed, so the
        // names are given to both. Tags go to their own table (the plugin's default), which eventsByTag reads.
        var journalTables = $$"""
            default {
              schema-name = {{schemaName}}
              journal.table-name = {{JournalTable}}
              metadata.table-name = akka_journal_metadata
              tag.table-name = akka_tags
            }
            """;
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "{{JournalPluginId}}"
                sql {
                  {{connection}}
                  auto-initialize = true
                  {{journalTables}}
                }
              }
              snapshot-store {
                plugin = "{{SnapshotPluginId}}"
                sql {
                  {{connection}}
                  auto-initialize = true
                  default {
                    schema-name = {{schemaName}}
                    snapshot.table-name = {{SnapshotTable}}
                  }
                }
              }
              query.journal.sql {
                {{connection}}
                write-plugin = "{{JournalPluginId}}"
                {{journalTables}}
              }
            }
            """)
            .WithFallback(ClusterSerializationConfig.Hocon)
            .WithFallback(AkkaSql.DefaultConfiguration);
    }
}
