namespace Cluster.Actors;

/// <summary>
/// Turns the outcome of a task into a message, as Akka's PipeTo does: the only safe way for an actor to
/// use async work, since the result is handled later as an ordinary message on the actor's own thread.
/// The continuation runs synchronously where the task completes, so in the simulation (where stores
/// complete at once) the message is queued on the simulation's thread and the run stays deterministic.
/// </summary>
public static class PipeToExtensions
{
    public static void PipeTo<T>(this Task<T> task, ActorRef recipient, Func<T, object> onSuccess, Func<Exception, object> onFailure, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.ContinueWith(
            t => recipient.Tell(t.IsCompletedSuccessfully ? onSuccess(t.Result) : onFailure(Cause(t)), sender ?? recipient),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public static void PipeTo(this Task task, ActorRef recipient, Func<object> onSuccess, Func<Exception, object> onFailure, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.ContinueWith(
            t => recipient.Tell(t.IsCompletedSuccessfully ? onSuccess() : onFailure(Cause(t)), sender ?? recipient),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static Exception Cause(Task task) => task.Exception?.GetBaseException() ?? new TaskCanceledException(task);
}
