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
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SET search_path TO {_schema}; {sql}", connection);
        command.ExecuteNonQuery();
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
