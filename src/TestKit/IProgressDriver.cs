namespace Cluster.TestKit;

/// <summary>
/// How a probe waits. Deterministically: run the simulation and advance virtual time to the next
/// timer. In real mode: block until a message arrives or the wall-clock budget runs out.
/// </summary>
public interface IProgressDriver
{
    TimeProvider Time { get; }

    /// <summary>Makes progress until <paramref name="done"/> holds or <paramref name="within"/> elapses; returns whether it holds.</summary>
    bool WaitUntil(Func<bool> done, TimeSpan within, SemaphoreSlim signal);
}
