using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// Carries out what a decider's step asks, in the contract's order: recover before start; store the events, and only
/// once they are stored save the snapshot, send, set timers, run effects and stop. A refused write does none of the
/// rest and brings the decider back from its journal instead.
/// </summary>
internal sealed class StepPerformer(SimWorld world, Agenda agenda, EffectHandlers effects)
{
    public void Start(HostedDecider hosted)
    {
        if (hosted.Persistent is { } persistent)
        {
            Recover(hosted, persistent);
        }

        Perform(hosted, hosted.Decider.Start(world.Clock.Now));
    }

    private void Recover(HostedDecider hosted, IPersistentDecider persistent)
    {
        var id = persistent.PersistenceId;
        long after = 0;
        if (world.Snapshots.TryLoad(id, out var sequenceNr, out var state))
        {
            persistent.RecoverSnapshot(state!);
            after = sequenceNr;
        }

        world.Journal.Replay(id, after, persistent.Recover);
        hosted.SequenceNr = world.Journal.HighestSequenceNr(id);
    }

    /// <summary>Does a step in the contract's order: store the events; only then snapshot, send, set timers, run effects, stop.</summary>
    public void Perform(HostedDecider hosted, Step step)
    {
        if (step.Events.Count > 0 || step.Snapshot is not null)
        {
            var persistent = hosted.Persistent
                ?? throw new InvalidOperationException($"{hosted.Address} persists but is not an {nameof(IPersistentDecider)}");
            if (step.Events.Count > 0 && !world.Journal.TryAppend(persistent.PersistenceId, hosted.SequenceNr, step.Events))
            {
                RestartAfterRefusal(hosted);
                return;
            }

            hosted.SequenceNr += step.Events.Count;
            if (step.Snapshot is { } snapshot)
            {
                world.Snapshots.Save(persistent.PersistenceId, hosted.SequenceNr, snapshot);
            }
        }

        var messages = step.Messages;
        for (var i = 0; i < messages.Count; i++)
        {
            world.Route(hosted.Node, hosted.Self, messages[i].To.Ref as SimAddress
                ?? throw new InvalidOperationException($"{hosted.Address} sent to {messages[i].To}, which is not a {nameof(SimAddress)}"), messages[i].Message);
        }

        var timers = step.Timers;
        for (var i = 0; i < timers.Count; i++)
        {
            hosted.Apply(timers[i], world);
        }

        var effects = step.Effects;
        for (var i = 0; i < effects.Count; i++)
        {
            RunEffect(hosted, effects[i]);
        }

        if (step.StopRequested && hosted.Node.Find(hosted.Name) == hosted)
        {
            hosted.Node.Remove(hosted.Name);
            hosted.OnStopped?.Invoke();
        }
    }

    private void RestartAfterRefusal(HostedDecider hosted)
    {
        var node = hosted.Node;
        if (node.Find(hosted.Name) != hosted)
        {
            return;
        }

        var restart = new RestartDelivery(node, hosted.Name, hosted.Create, hosted.OnStopped);
        node.RemoveForRestart(hosted.Name, restart);
        world.Schedule(world.Clock.Ticks + world.RestartAfterRefusedWrite.Ticks, restart);
    }

    private void RunEffect(HostedDecider hosted, object effect)
    {
        var result = effects.Run(effect, hosted.Address);
        if (result.Input is null)
        {
            return;
        }

        var delivery = new EffectResultDelivery(hosted, result.Input);
        if (result.Delay <= TimeSpan.Zero)
        {
            agenda.Immediately(delivery);
        }
        else
        {
            world.Schedule(world.Clock.Ticks + result.Delay.Ticks, delivery);
        }
    }
}
