using Microsoft.Extensions.Logging;

namespace Cluster.Actors;

/// <summary>What an actor may do from inside its own message handling. Not thread-safe: use it only there.</summary>
public interface IActorContext
{
    ActorRef Self { get; }

    /// <summary>The sender of the message being processed, or <see cref="ActorRefs.NoSender"/>.</summary>
    ActorRef Sender { get; }

    ActorRef Parent { get; }

    ActorSystem System { get; }

    IReadOnlyCollection<ActorRef> Children { get; }

    ITimerScheduler Timers { get; }

    ILogger Log { get; }

    /// <summary>The kernel's clock: virtual in the simulation, the real one in production.</summary>
    TimeProvider Time { get; }

    /// <summary>The kernel's random source: seeded in the simulation.</summary>
    Random Random { get; }

    ActorRef? Child(string name);

    ActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops an actor: its children first, then it; queued messages become dead letters.</summary>
    void Stop(ActorRef actor);

    /// <summary>Asks for a <see cref="Terminated"/> when the actor stops (at once, if it is already gone).</summary>
    ActorRef Watch(ActorRef actor);

    ActorRef Unwatch(ActorRef actor);

    void Become(Action<object> behavior, bool discardOld = true);

    void Unbecome();

    /// <summary>Puts the current message aside until <see cref="UnstashAll"/>.</summary>
    void Stash();

    /// <summary>Returns all stashed messages to the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Sends <see cref="ReceiveTimeout"/> after this long without a message; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);
}
