using Cluster.Actors;

namespace Cluster.TestKit;

/// <summary>Waiting in virtual time: runs every ready actor, then jumps the clock to the next timer, never past the deadline.</summary>
public sealed class DeterministicProgress(DeterministicDispatcher dispatcher) : IProgressDriver
{
    public TimeProvider Time => dispatcher.Clock;

    public bool WaitUntil(Func<bool> done, TimeSpan within, SemaphoreSlim signal) => dispatcher.RunUntil(done, within);
}
