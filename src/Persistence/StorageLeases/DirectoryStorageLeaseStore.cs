using System.Text.RegularExpressions;

namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// Storage leases as files on a directory every host mounts (NFS, or a ReadWriteMany volume in Kubernetes):
/// <c>&lt;root&gt;/&lt;datastore&gt;/&lt;vm&gt;.lease</c>. A write takes the lease's lock file exclusively, reads, decides,
/// writes a temp file and renames it over the lease, so readers (who take no lock) see the old or the new lease,
/// never half of one. The root must carry a marker file (<see cref="Format"/>): an unmounted, empty mount point
/// would otherwise look like "no leases anywhere" and let HA start VMs that still run.
/// File work runs on the thread pool, so a hung mount blocks that thread, not the caller, who can time out.
/// </summary>
public sealed partial class DirectoryStorageLeaseStore : CompareAndSetLeaseStore
{
    public const string MarkerFileName = ".cluster-storage-leases";

    private readonly string _root;
    private readonly int _lockAttempts;

    public DirectoryStorageLeaseStore(string root, TimeProvider time, int lockAttempts = 2000)
        : base(time)
    {
        Guard.NotEmpty(root);
        Guard.Positive(lockAttempts);
        if (FileLockingDisabled())
        {
            throw new InvalidOperationException(
                "File locking is disabled (DOTNET_SYSTEM_IO_DISABLEFILELOCKING or System.IO.DisableFileLocking): " +
                "two hosts could both win a storage lease. Remove the setting to use the shared-directory backend.");
        }

        _root = Path.GetFullPath(root);
        _lockAttempts = lockAttempts;
    }

    /// <summary>Marks <paramref name="root"/> as the lease directory; run once when the shared volume is provisioned.</summary>
    public static void Format(string root)
    {
        Guard.NotEmpty(root);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, MarkerFileName), "Storage write-leases of the cluster controller. Do not delete.\n");
    }

    /// <summary>The lease file of (<paramref name="datastoreId"/>, <paramref name="vmId"/>), for operators and tests.</summary>
    public string LeaseFilePath(string datastoreId, string vmId) =>
        Path.Combine(_root, SafeName(datastoreId, nameof(datastoreId)), SafeName(vmId, nameof(vmId)) + ".lease");

    protected override Task<T> UpdateAsync<T>(
        string datastoreId, string vmId, string holderHostId, Func<StorageLease?, (StorageLease? Write, T Result)> decide, CancellationToken cancellationToken)
    {
        var path = LeaseFilePath(datastoreId, vmId);
        return Task.Run(() => OnStorage(path, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var held = ExclusiveFileLock.Acquire(Path.ChangeExtension(path, ".lock"), _lockAttempts, cancellationToken);
            var (write, result) = decide(Load(path, datastoreId, vmId));
            if (write is not null)
            {
                Store(path, write);
            }

            return result;
        }), cancellationToken);
    }

    protected override Task<StorageLease?> LoadAsync(string datastoreId, string vmId, CancellationToken cancellationToken)
    {
        var path = LeaseFilePath(datastoreId, vmId);
        return Task.Run(() => OnStorage(path, () => Load(path, datastoreId, vmId)), cancellationToken);
    }

    private static StorageLease? Load(string path, string datastoreId, string vmId)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return LeaseFileCodec.Decode(bytes, path, datastoreId, vmId);
    }

    private static void Store(string path, StorageLease lease)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(LeaseFileCodec.Encode(lease));
                // Durable before it becomes visible: after a crash the lease is the old one or the new one.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Runs file work, turning "the storage is not there" into <see cref="StorageUnavailableException"/>.</summary>
    private T OnStorage<T>(string path, Func<T> work)
    {
        if (!File.Exists(Path.Combine(_root, MarkerFileName)))
        {
            throw new StorageUnavailableException(
                $"Lease directory '{_root}' has no {MarkerFileName} marker: the shared volume is not mounted (or was never formatted).");
        }

        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"Storage lease file '{path}' could not be accessed: {e.Message}", e);
        }
    }

    /// <summary>.NET's switch that makes FileShare.None lock nothing; with it, the compare-and-set would be a lie.</summary>
    private static bool FileLockingDisabled() =>
        (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled) ||
        Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true";

    private static string SafeName(string id, string field) => SafeId().IsMatch(id)
        ? id
        : throw new ArgumentException($"{field} '{id}' cannot name a file: use letters, digits, '.', '_' or '-', not starting with '.'.", field);

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$")]
    private static partial Regex SafeId();
}
