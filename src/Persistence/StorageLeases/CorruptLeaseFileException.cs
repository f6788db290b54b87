namespace Cluster.Persistence.StorageLeases;

/// <summary>
/// A lease file exists but cannot be understood. It is never treated as free: a VM might be running under it, so
/// an operator must look at (and remove) the named file.
/// </summary>
public sealed class CorruptLeaseFileException(string filePath, string problem, Exception? inner = null)
    : Exception($"Storage lease file '{filePath}' is corrupt ({problem}); it is not treated as free. " +
        "Inspect it, and remove it only once the VM is known to be stopped.", inner)
{
    public string FilePath { get; } = filePath;
}
