using System.Data.Common;
using Cluster.Runtime.Sql;
using LinqToDB.Interceptors;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// Applies <see cref="SqliteTuning"/> to every connection linq2db opens for Akka.Persistence.Sql: Microsoft.Data.Sqlite
/// has no connection-string keyword for synchronous, and the plugin offers no hook but linq2db's DataOptions.
/// </summary>
internal sealed class SqliteConnectionTuning : IConnectionInterceptor
{
    public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection)
    {
    }

    public Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection) => SqliteTuning.Apply(connection);

    public Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        SqliteTuning.ApplyAsync(connection, cancellationToken);
}
