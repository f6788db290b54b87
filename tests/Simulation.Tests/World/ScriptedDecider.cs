using Cluster.Deciders;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Tests.World;

/// <summary>A toy decider whose reactions a test writes inline; it remembers every input it got, with the time.</summary>
public sealed class ScriptedDecider(Action<Step, object, Peer>? onInput = null, Action<Step>? onStart = null) : IDecider
{
    private readonly Step _step = new();

    public List<(TimeSpan At, object Input, Peer From)> Received { get; } = [];

    public Step Start(DateTimeOffset now)
    {
        _step.Clear();
        onStart?.Invoke(_step);
        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step.Clear();
        Received.Add((now - VirtualClock.Epoch, input, from));
        onInput?.Invoke(_step, input, from);
        return _step;
    }

    public List<object> Inputs() => Received.ConvertAll(r => r.Input);

    public List<TimeSpan> Times() => Received.ConvertAll(r => r.At);
}
