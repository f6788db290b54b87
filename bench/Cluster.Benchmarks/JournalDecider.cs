using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Benchmarks;

/// <summary>
/// The benchmark's persistent decider: each command is a step of <see cref="JournalCommand.Events"/> real wire events
/// (so the journal goes through our serializer), answered with the command's number once they are stored.
/// </summary>
public sealed class JournalDecider(string persistenceId) : IPersistentDecider
{
    private readonly Step _step = new();
    private long _applied;

    public string PersistenceId { get; } = persistenceId;

    public void RecoverSnapshot(object snapshot) => _applied = (long)snapshot;

    public void Recover(object @event) => _applied++;

    public Step Start(DateTimeOffset now)
    {
        _step.Clear();
        return _step;
    }

    public Step Decide(object input, Peer from, DateTimeOffset now)
    {
        _step.Clear();
        var command = (JournalCommand)input;
        for (var i = 0; i < command.Events; i++)
        {
            _applied++;
            _step.Persist(new VmPowerStateChanged(new VmId($"vm-{i}"), VmPowerState.Stopped, VmPowerState.Running, command.Number));
        }

        _step.Send(from, command.Number);
        return _step;
    }
}

public sealed record JournalCommand(long Number, int Events);
