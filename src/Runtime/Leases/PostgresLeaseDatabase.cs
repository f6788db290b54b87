using System.Data.Common;
using Cluster.Runtime.Sql;
using Npgsql;

namespace Cluster.Runtime.Leases;

/// <summary>The lease table in a schema of the controller's PostgreSQL database.</summary>
public sealed class PostgresLeaseDatabase : LeaseDatabase
{
    // The same key as src/Persistence's schema creation: any process creating controller tables takes it.
    private const long SchemaLockKey = 0x636c757374657201;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    public PostgresLeaseDatabase(string connectionString, string schema, string table)
        : base($"{SqlIdentifier.Check(schema, nameof(schema))}.{SqlIdentifier.Check(table, nameof(table))}")
    {
        _schema = schema;
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Under a transaction-scoped advisory lock: CREATE ... IF NOT EXISTS from two sessions at once can fail with a
    /// catalog unique violation, and controllers do start together against a fresh database.
    /// </summary>
    public override async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var command = new NpgsqlCommand(
                    $"SELECT pg_advisory_xact_lock({SchemaLockKey}); CREATE SCHEMA IF NOT EXISTS {_schema}; {CreateTableSql(Table)};",
                    connection,
                    transaction);
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
