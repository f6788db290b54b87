namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// An exclusive lock on a lock file, taken by opening it with <see cref="FileShare.None"/>. On Linux .NET turns that
/// into flock(LOCK_EX), which the NFS client maps to a server-side lock, so processes on different machines sharing
/// the mount exclude each other. The kernel drops the lock when the process dies: a crashed host never leaves a
/// stale lock behind (a create-if-absent lock file would).
/// </summary>
internal static class ExclusiveFileLock
{
    /// <summary>EWOULDBLOCK on Linux; ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.</summary>
    private static readonly int[] ContentionCodes = [11, 35, unchecked((int)0x80070020), unchecked((int)0x80070021)];

    /// <summary>Retries while another process holds the lock; gives up after <paramref name="attempts"/> tries.</summary>
    public static FileStream Acquire(string path, int attempts, CancellationToken cancellationToken)
    {
        var spin = default(SpinWait);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            }
            catch (IOException e) when (ContentionCodes.Contains(e.HResult))
            {
                if (attempt >= attempts)
                {
                    throw new StorageUnavailableException($"Lock file '{path}' stayed locked for {attempts} attempts.", e);
                }

                // SpinWait escalates from spinning to yielding to 1 ms sleeps: the lock is held only for one small write.
                spin.SpinOnce();
            }
        }
    }
}
