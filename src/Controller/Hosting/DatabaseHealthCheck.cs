using Cluster.Hosting.Health;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Cluster.Controller.Hosting;

/// <summary>
/// Part of the controller's readiness: its database answers a query. A controller that cannot reach the journal
/// cannot take over as VRM nor answer for it, so a load balancer should not send it admin requests.
/// </summary>
public sealed class DatabaseHealthCheck(ControllerOptions options) : IHealthCheck
{
    public const string Name = "database";

    /// <summary>A probe that waits longer than this has already failed (Kubernetes' default timeout is 1 s).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static IHealthChecksBuilder AddTo(IHealthChecksBuilder checks, ControllerOptions options) =>
        checks.Add(new HealthCheckRegistration(Name, new DatabaseHealthCheck(options), HealthStatus.Unhealthy, [HealthRoutes.ReadyTag], Timeout));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = Open();
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            // SQLite opens lazily: only a read of the schema touches the file.
            command.CommandText = options.DatabaseKind == "sqlite" ? "SELECT count(*) FROM sqlite_master" : "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason stays in the process: the probe route writes only the status.
            return HealthCheckResult.Unhealthy("the database does not answer", ex);
        }
    }

    // Unpooled: a pooled SQLite connection keeps answering from a file that has been removed.
    private System.Data.Common.DbConnection Open() => options.DatabaseKind == "sqlite"
        ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.DatabaseTarget, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString())
        : new NpgsqlConnection(options.DatabaseTarget);
}
