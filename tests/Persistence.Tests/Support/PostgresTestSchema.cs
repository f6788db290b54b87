using Npgsql;

namespace Cluster.Persistence.Tests;

/// <summary>
/// A fresh schema per test on the server named by CLUSTER_TEST_PG, dropped afterwards, so test classes run in
/// parallel without seeing each other. Without the variable the test fails: PostgreSQL is never skipped silently.
/// </summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    public const string Variable = "CLUSTER_TEST_PG";

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException(
            $"{Variable} is not set. PostgreSQL tests must run against a real server: run them through " +
            "scripts/with-postgres.sh, e.g. `scripts/with-postgres.sh dotnet test tests/Persistence.Tests`.");

    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
