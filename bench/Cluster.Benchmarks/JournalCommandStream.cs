using Akka.Actor;

namespace Cluster.Benchmarks;

/// <summary>
/// A client keeping <c>window</c> commands outstanding against one actor until <c>count</c> are answered, then
/// completing <c>done</c>: a steady stream of commands without an ask (and its temporary actor) per command.
/// </summary>
public sealed class JournalCommandStream : ReceiveActor
{
    private readonly TaskCompletionSource _done;
    private long _next;
    private long _answered;

    public JournalCommandStream(IActorRef target, long first, long count, int window, int eventsPerCommand, TaskCompletionSource done)
    {
        _done = done;
        _next = first;
        var end = first + count;
        Receive<long>(_ =>
        {
            if (++_answered == count)
            {
                _done.TrySetResult();
                Context.Stop(Self);
            }
            else if (_next < end)
            {
                target.Tell(new JournalCommand(_next++, eventsPerCommand));
            }
        });
        for (var i = 0; i < window && _next < end; i++)
        {
            target.Tell(new JournalCommand(_next++, eventsPerCommand));
        }
    }

    public static Props Props(IActorRef target, long first, long count, int window, int eventsPerCommand, TaskCompletionSource done) =>
        Akka.Actor.Props.Create(() => new JournalCommandStream(target, first, count, window, eventsPerCommand, done));
}
