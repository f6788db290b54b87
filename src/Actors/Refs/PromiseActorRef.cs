namespace Cluster.Actors;

/// <summary>
/// The temporary sender behind an Ask: the first reply completes the task. <see cref="Status.Failure"/>
/// fails it; the timeout fails it with <see cref="AskTimeoutException"/>. It lives under /temp so a
/// reply from another node finds it.
/// </summary>
internal sealed class PromiseActorRef : ActorRef
{
    private readonly TaskCompletionSource<object?> _completion;
    private readonly ActorSystem _system;
    private ITimer? _timer;

    // Synchronous continuations in deterministic mode, where the asker's code must run on the simulation's
    // thread; in production they run elsewhere so a replying actor never runs the asker's code.
    internal PromiseActorRef(ActorSystem system, ActorPath path, bool synchronousContinuations)
    {
        _system = system;
        Path = path;
        _completion = new(synchronousContinuations ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public override ActorPath Path { get; }

    internal Task<object?> Task => _completion.Task;

    internal void StartTimeout(TimeSpan timeout, object message, ActorRef target)
    {
        _timer = _system.Time.CreateTimer(
            _ => Complete(() => _completion.TrySetException(
                new AskTimeoutException($"no reply from {target} to {message.GetType().Name} within {timeout}"))),
            null,
            timeout,
            Timeout.InfiniteTimeSpan);
    }

    public override void Tell(object message, ActorRef? sender = null)
    {
        var completed = message switch
        {
            Status.Failure failure => Complete(() => _completion.TrySetException(failure.Cause)),
            Status.Success success => Complete(() => _completion.TrySetResult(success.Value)),
            _ => Complete(() => _completion.TrySetResult(message)),
        };
        if (!completed)
        {
            _system.PublishDeadLetter(message, sender ?? ActorRefs.NoSender, this);
        }
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
    }

    private bool Complete(Func<bool> complete)
    {
        if (!complete())
        {
            return false;
        }

        _timer?.Dispose();
        _system.UnregisterTemp(this);
        return true;
    }
}
