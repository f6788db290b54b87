namespace Cluster.Runtime.Deciders;

/// <summary>The events of consecutive steps, written as one atomic write, and those steps' outputs in decision order.</summary>
internal sealed class PendingWrite
{
    public List<object> Events { get; } = [];

    public List<StepOutputs> Steps { get; } = [];

    public bool IsEmpty => Steps.Count == 0;

    public void Add(IReadOnlyList<object> events, StepOutputs outputs)
    {
        Events.AddRange(events);
        Steps.Add(outputs);
    }
}
