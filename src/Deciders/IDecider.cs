namespace Cluster.Deciders;

/// <summary>
/// A deterministic state machine with no runtime in it: the same inputs at the same times give the same
/// steps. <see cref="Start"/> runs once before any input; <see cref="Decide"/> once per input.
/// The returned step may be the decider's own, reused: the runtime consumes it before the next call.
/// </summary>
public interface IDecider
{
    Step Start(DateTimeOffset now);

    Step Decide(object input, Peer from, DateTimeOffset now);
}
