using Cluster.Hosting.Configuration;
using Cluster.Persistence;
using Cluster.Persistence.StorageLeases;

namespace Cluster.Controller.Hosting;

/// <summary>The controller's database (journal with group commit, snapshots, controller lease) and the storage write-leases.</summary>
public sealed class ControllerStorage : IAsyncDisposable
{
    private readonly SqlBackend _backend;
    private readonly BatchingJournal _journal;

    private ControllerStorage(SqlBackend backend, TimeProvider time, IStorageLeaseStore storageLeases)
    {
        _backend = backend;
        _journal = new BatchingJournal(new SqlJournal(backend, time));
        Snapshots = new SqlSnapshotStore(backend);
        Leases = new SqlLeaseStore(backend, time);
        StorageLeases = storageLeases;
    }

    public IJournal Journal => _journal;

    public ISnapshotStore Snapshots { get; }

    public ILeaseStore Leases { get; }

    public IStorageLeaseStore StorageLeases { get; }

    /// <summary>Opens (and creates the schema of) the configured database; a database that cannot be opened is a config error.</summary>
    public static async Task<ControllerStorage> OpenAsync(ControllerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        SqlBackend backend;
        try
        {
            if (options.DatabaseKind == "sqlite")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(options.DatabaseTarget)!);
                backend = await SqliteBackend.OpenAsync(options.DatabaseTarget, cancellationToken).ConfigureAwait(false);
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
            return new ControllerStorage(backend, time, await OpenStorageLeasesAsync(options, backend, time, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Drains queued events into the database before closing it.
        await _journal.DisposeAsync().ConfigureAwait(false);
        if (StorageLeases is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        await _backend.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<IStorageLeaseStore> OpenStorageLeasesAsync(ControllerOptions options, SqlBackend backend, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.StorageLeaseDirectory is not { } root)
        {
            return await PostgresStorageLeaseStore.OpenAsync((PostgresBackend)backend, time, cancellationToken).ConfigureAwait(false);
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
