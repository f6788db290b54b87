using Akka.Actor;
using Cluster.Deciders;

namespace Cluster.Runtime.Deciders;

/// <summary>
/// Does what a step asks of an actor once its events are stored (or at once, for an actor without a journal): sends
/// its messages with the actor as sender, applies its timer commands to the actor's <see cref="ITimerScheduler"/>,
/// runs its effects, and stops the actor if asked, in that order (the order <see cref="Step"/> documents).
/// </summary>
public sealed class StepPerformer
{
    private readonly IActorContext _context;
    private readonly IWithTimers _timersOwner;
    private readonly IEffectRunner _effects;
    private readonly Func<object, object>? _outgoing;

    /// <param name="context">The actor's context, taken in its constructor.</param>
    /// <param name="timersOwner">The actor itself: Akka sets its <see cref="IWithTimers.Timers"/> after the constructor, so it is read when used.</param>
    /// <param name="effects">What runs this actor's effects.</param>
    /// <param name="outgoing">Sees every message as it is sent and may return a copy to send instead (telemetry stamps trace context).</param>
    public StepPerformer(IActorContext context, IWithTimers timersOwner, IEffectRunner effects, Func<object, object>? outgoing = null)
    {
        _outgoing = outgoing;
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _timersOwner = timersOwner ?? throw new ArgumentNullException(nameof(timersOwner));
        _effects = effects ?? throw new ArgumentNullException(nameof(effects));
    }

    /// <summary>
    /// The time handed to the decider with every input: the actor system's scheduler clock, so that Akka.TestKit's
    /// TestScheduler moves <c>now</c> and the timers together in tests.
    /// </summary>
    public DateTimeOffset Now => _context.System.Scheduler.Now;

    /// <summary>Performs everything of <paramref name="step"/> but its events and snapshot.</summary>
    /// <param name="step">The step; read only during the call.</param>
    /// <param name="readyResults">Receives, in effect order, the results of effects that completed synchronously.</param>
    public void Perform(Step step, Queue<object> readyResults)
    {
        ArgumentNullException.ThrowIfNull(step);
        Perform(step.Messages, step.Timers, step.Effects, step.StopRequested, readyResults);
    }

    internal void Perform(IReadOnlyList<Outbound> messages, IReadOnlyList<TimerCommand> timers, IReadOnlyList<object> effects, bool stop, Queue<object> readyResults)
    {
        var self = _context.Self;
        foreach (var outbound in messages)
        {
            PeerRefs.RefOf(outbound.To).Tell(_outgoing is null ? outbound.Message : _outgoing(outbound.Message), self);
        }

        foreach (var command in timers)
        {
            Apply(command);
        }

        foreach (var effect in effects)
        {
            Run(effect, self, readyResults);
        }

        if (stop)
        {
            _context.Stop(self);
        }
    }

    private void Apply(TimerCommand command)
    {
        var timers = _timersOwner.Timers
            ?? throw new InvalidOperationException("A step set a timer before Akka gave the actor its timer scheduler (do not decide in the constructor).");
        switch (command)
        {
            case StartTimer { Periodic: true } periodic:
                timers.StartPeriodicTimer(periodic.Key, periodic.Message, periodic.Delay);
                break;
            case StartTimer single:
                timers.StartSingleTimer(single.Key, single.Message, single.Delay);
                break;
            case CancelTimer cancel:
                timers.Cancel(cancel.Key);
                break;
            default:
                throw new ArgumentException($"Unknown timer command {command}.", nameof(command));
        }
    }

    private void Run(object effect, IActorRef self, Queue<object> readyResults)
    {
        var pending = _effects.Run(effect);
        if (pending.IsCompletedSuccessfully)
        {
            readyResults.Enqueue(pending.Result);
            return;
        }

        // The continuation runs off the actor's thread; it only tells the actor, which decides the result in turn.
        _ = pending.AsTask().PipeTo(self, success: result => new EffectCompleted(result), failure: error => new EffectFaulted(effect, error));
    }
}
