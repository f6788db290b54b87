using Cluster.Deciders;

namespace Cluster.Runtime.Deciders;

/// <summary>
/// What a step does after its events are stored, copied out of the step: a decider may reuse its step for the next
/// input while this one's write is still in flight.
/// </summary>
internal sealed record StepOutputs(Outbound[] Messages, TimerCommand[] Timers, object[] Effects, object? Snapshot, bool Stop)
{
    public static StepOutputs Of(Step step) => new([.. step.Messages], [.. step.Timers], [.. step.Effects], step.Snapshot, step.StopRequested);
}
