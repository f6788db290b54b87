namespace Cluster.Actors;

/// <summary>
/// Messages the kernel sends itself about supervision and DeathWatch. They travel in their own queue
/// and are processed before user messages, so a stop or a failure decision is never stuck behind work.
/// </summary>
internal abstract record SystemMessage;

internal sealed record Create : SystemMessage;

internal sealed record Terminate : SystemMessage;

internal sealed record Watch(ActorRef Watchee, ActorRef Watcher) : SystemMessage;

internal sealed record Unwatch(ActorRef Watchee, ActorRef Watcher) : SystemMessage;

internal sealed record DeathWatchNotification(ActorRef Actor, bool ExistenceConfirmed, bool AddressTerminated) : SystemMessage;

internal sealed record Failed(ActorRef Child, Exception Cause, long ChildUid) : SystemMessage;

internal sealed record Resume : SystemMessage;

internal sealed record Recreate(Exception Cause) : SystemMessage;
