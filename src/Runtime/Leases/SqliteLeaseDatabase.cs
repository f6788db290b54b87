using System.Data.Common;
using Cluster.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Leases;

/// <summary>The lease table in the controller's SQLite file, tuned like every other store in it.</summary>
public sealed class SqliteLeaseDatabase(string connectionString, string table) : LeaseDatabase(SqlIdentifier.Check(table, nameof(table)))
{
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqliteTuning.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SQLite serializes DDL behind its write lock, so racing creators are safe without more.</summary>
    public override async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = CreateTableSql(Table);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
