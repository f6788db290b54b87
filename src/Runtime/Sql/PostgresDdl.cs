using Npgsql;

namespace Cluster.Runtime.Sql;

/// <summary>
/// Schema and table creation on PostgreSQL. CREATE ... IF NOT EXISTS from two sessions at once can fail with a catalog
/// unique violation, and controller replicas start together against a fresh database, so every creator of
/// controller objects takes the same transaction-scoped advisory lock (the storage-lease table's creator in src/Persistence too).
/// </summary>
public static class PostgresDdl
{
    private const long SchemaLockKey = 0x636c757374657201;

    /// <summary>Creates the schema Akka.Persistence.Sql's tables go in: the plugin creates tables, not schemas.</summary>
    public static async Task CreateSchemaIfMissingAsync(string connectionString, string schema, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.Check(schema, nameof(schema));
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await RunLockedAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema};", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="ddl"/> in one transaction holding the creation lock.</summary>
    public static async Task RunLockedAsync(NpgsqlConnection connection, string ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey}); {ddl}", connection, transaction);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
