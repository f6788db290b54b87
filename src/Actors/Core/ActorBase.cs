using Microsoft.Extensions.Logging;

namespace Cluster.Actors;

/// <summary>
/// The base of every actor. An actor handles one message at a time; its state is private to it.
/// Create actors with <see cref="IActorContext.ActorOf"/> or <see cref="ActorSystem.ActorOf"/>, never with new.
/// </summary>
public abstract class ActorBase
{
    protected ActorBase()
    {
        Context = ActorCell.Constructing
            ?? throw new InvalidOperationException($"{GetType().Name} must be created through ActorOf, not with new");
    }

    protected IActorContext Context { get; }

    protected ActorRef Self => Context.Self;

    protected ActorRef Sender => Context.Sender;

    protected ITimerScheduler Timers => Context.Timers;

    protected ILogger Log => Context.Log;

    /// <summary>Decides what happens to a failing child. Default: restart it, without limit.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;

    /// <summary>The initial behaviour.</summary>
    protected abstract void OnReceive(object message);

    /// <summary>Reports a message the current behaviour does not handle (published as <see cref="UnhandledMessage"/>).</summary>
    protected void Unhandled(object message) => ((ActorCell)Context).ReportUnhandled(message);

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance. Default: stop all children, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the fresh instance. Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    // The kernel's entry points: hooks stay protected so actors override them without caring about assemblies.
    internal SupervisorStrategy Strategy => SupervisorStrategy;

    internal void Receive(object message) => OnReceive(message);

    internal void RunPreStart() => PreStart();

    internal void RunPostStop() => PostStop();

    internal void RunPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void RunPostRestart(Exception reason) => PostRestart(reason);
}
