using Cluster.Hosting.Configuration;
using Cluster.Persistence;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Hosting;

/// <summary>
/// The VMs' storage write-leases the VRM reads before an HA restart: a shared directory, or a table of the PostgreSQL
/// database. The journal, snapshots and singleton lease are Akka.Persistence.Sql's and the SqlLease's, not opened here.
/// A PostgreSQL database is opened here (the lease table needs it), so one that cannot be reached is a config error
/// before Akka starts; a SQLite file only needs its directory.
/// </summary>
public sealed class ControllerStorage : IAsyncDisposable
{
    private readonly SqlBackend? _backend;

    private ControllerStorage(SqlBackend? backend, IStorageLeaseStore storageLeases)
    {
        _backend = backend;
        StorageLeases = storageLeases;
    }

    public IStorageLeaseStore StorageLeases { get; }

    /// <summary>Opens the storage-lease store (and a PostgreSQL database); either failing is a config error.</summary>
    public static async Task<ControllerStorage> OpenAsync(ControllerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        SqlBackend? backend = null;
        try
        {
            if (options.DatabaseKind == "sqlite")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(options.DatabaseTarget)!);
            }
            else
            {
                backend = await PostgresBackend.OpenAsync(options.DatabaseTarget, options.PostgresSchema, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var what = options.DatabaseKind == "sqlite" ? options.DatabaseTarget : "the PostgreSQL server";
            throw new ConfigException("--database", $"cannot open {what}: {ex.GetBaseException().Message}");
        }

        try
        {
            return new ControllerStorage(backend, await OpenStorageLeasesAsync(options, backend, time, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            if (backend is not null)
            {
                await backend.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (StorageLeases is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IStorageLeaseStore> OpenStorageLeasesAsync(ControllerOptions options, SqlBackend? backend, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.StorageLeaseDirectory is not { } root)
        {
            return await PostgresStorageLeaseStore.OpenAsync((PostgresBackend)backend!, time, cancellationToken).ConfigureAwait(false);
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
