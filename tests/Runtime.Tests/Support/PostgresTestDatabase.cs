using Akka.Configuration;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Sql;
using Npgsql;

namespace Cluster.Runtime.Tests.Support;

/// <summary>
/// A fresh schema on the server named by CLUSTER_TEST_PG (scripts/with-postgres.sh provides one), dropped afterwards.
/// Without the variable the test fails: PostgreSQL is never skipped silently.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "CLUSTER_TEST_PG";

    private readonly string _schema = "rt_" + Guid.NewGuid().ToString("N");

    public override SqlProvider Provider => SqlProvider.PostgreSql;

    public override string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException(
            $"{Variable} is not set. PostgreSQL tests must run against a real server: run them through " +
            "scripts/with-postgres.sh, e.g. `scripts/with-postgres.sh dotnet test tests/Runtime.Tests`.");

    public override string Schema => _schema;

    public override void Execute(string sql)
    {
        using var connection = OpenInSchema();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public override IReadOnlyList<object[]> Rows(string sql)
    {
        using var connection = OpenInSchema();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ReadAll();
    }

    public override IReadOnlyList<string> TableNames() =>
        [.. Rows($"SELECT table_name FROM information_schema.tables WHERE table_schema = '{_schema}'").Select(row => (string)row[0])];

    public override Config LeaseBlock() => SqlLeaseConfig.Postgres(ConnectionString, _schema);

    /// <summary>The schema is made first, as a controller start will: the plugin creates tables, not schemas.</summary>
    public override SqlPersistence Persistence()
    {
        PostgresDdl.CreateSchemaIfMissingAsync(ConnectionString, _schema).GetAwaiter().GetResult();
        return SqlPersistenceConfig.Postgres(ConnectionString, _schema);
    }

    private NpgsqlConnection OpenInSchema()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = _schema }.ToString());
        connection.Open();
        return connection;
    }

    protected override void Drop()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 })
        {
            return;
        }

        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        command.ExecuteNonQuery();
    }
}
