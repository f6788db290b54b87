using Cluster.Deciders;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>A copy of one step: the decider reuses its step, so a test keeps what it saw.</summary>
internal sealed record DecidedStep(
    IReadOnlyList<object> Events,
    IReadOnlyList<Outbound> Messages,
    IReadOnlyList<TimerCommand> Timers,
    IReadOnlyList<object> Effects,
    object? Snapshot,
    bool Stopped,
    object? Unhandled)
{
    public static DecidedStep Of(Step step) =>
        new([.. step.Events], [.. step.Messages], [.. step.Timers], [.. step.Effects], step.Snapshot, step.StopRequested, step.Unhandled);

    public IEnumerable<T> EventsOf<T>() => Events.OfType<T>();

    public IEnumerable<T> SentTo<T>(Peer peer) => Messages.Where(m => m.To == peer).Select(m => m.Message).OfType<T>();

    public T ReplyTo<T>(Peer peer) => Assert.Single(SentTo<T>(peer));
}
