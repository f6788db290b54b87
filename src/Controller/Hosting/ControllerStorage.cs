using Cluster.Hosting.Configuration;
using Cluster.Persistence.StorageLeases;
using Cluster.Runtime.Sql;

namespace Cluster.Controller.Hosting;

/// <summary>
/// What the controller's database needs before Akka starts, and the VMs' storage write-leases the VRM reads before an
/// HA restart (a shared directory, or a table of the PostgreSQL database). The journal, snapshots and singleton lease
/// are Akka.Persistence.Sql's and the SqlLease's, which create their own tables but not a PostgreSQL schema nor a
/// SQLite file's directory: those are made here, so a database that cannot be reached is a config error before Akka
/// starts.
/// </summary>
public sealed class ControllerStorage : IAsyncDisposable
{
    private ControllerStorage(IStorageLeaseStore storageLeases)
    {
        StorageLeases = storageLeases;
    }

    public IStorageLeaseStore StorageLeases { get; }

    /// <summary>Prepares the database and opens the storage-lease store; either failing is a config error.</summary>
    public static async Task<ControllerStorage> OpenAsync(ControllerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            if (options.DatabaseKind == "sqlite")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(options.DatabaseTarget)!);
            }
            else
            {
                await PostgresDdl.CreateSchemaIfMissingAsync(options.DatabaseTarget, options.PostgresSchema, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var what = options.DatabaseKind == "sqlite" ? options.DatabaseTarget : "the PostgreSQL server";
            throw new ConfigException("--database", $"cannot open {what}: {ex.GetBaseException().Message}");
        }

        return new ControllerStorage(await OpenStorageLeasesAsync(options, time, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        if (StorageLeases is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IStorageLeaseStore> OpenStorageLeasesAsync(ControllerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.StorageLeaseDirectory is not { } root)
        {
            try
            {
                return await PostgresStorageLeaseStore.OpenAsync(options.DatabaseTarget, options.PostgresSchema, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ConfigException("--storage-leases", $"cannot open the PostgreSQL lease table: {ex.GetBaseException().Message}");
            }
        }

        if (options.FormatStorageLeases && !File.Exists(Path.Combine(root, DirectoryStorageLeaseStore.MarkerFileName)))
        {
            try
            {
                DirectoryStorageLeaseStore.Format(root);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConfigException("--storage-leases", $"cannot format '{root}': {ex.Message}");
            }
        }

        try
        {
            return new DirectoryStorageLeaseStore(root, time);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigException("--storage-leases", ex.Message);
        }
    }
}
