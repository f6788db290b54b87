namespace Cluster.HostNode.Node;

/// <summary>
/// The highest controller epoch this host has seen, kept for the whole process next to the <see cref="LeaseLedger"/>.
/// A CNA started after the node was downed and rejoined starts from it, so a command of a deposed VRM is refused from
/// the first moment, not only once the new CNA has registered and heard the current epoch again.
/// </summary>
public sealed class EpochMemory
{
    private long _highest;

    public long Highest => Interlocked.Read(ref _highest);

    /// <summary>Remembers <paramref name="epoch"/> if it is higher than any seen before.</summary>
    public void Note(long epoch)
    {
        var seen = Interlocked.Read(ref _highest);
        while (epoch > seen)
        {
            var before = Interlocked.CompareExchange(ref _highest, epoch, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
