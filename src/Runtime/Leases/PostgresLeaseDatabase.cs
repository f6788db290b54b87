using System.Data.Common;
using Cluster.Runtime.Sql;
using Npgsql;

namespace Cluster.Runtime.Leases;

/// <summary>The lease table in a schema of the controller's PostgreSQL database.</summary>
public sealed class PostgresLeaseDatabase : LeaseDatabase
{
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

    /// <summary>Schema and table together, under <see cref="PostgresDdl"/>'s creation lock.</summary>
    public override async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgresDdl.RunLockedAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {_schema}; {CreateTableSql(Table)};", cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
