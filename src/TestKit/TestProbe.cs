using System.Collections.Concurrent;
using Cluster.Actors;

namespace Cluster.TestKit;

/// <summary>
/// An actor a test can question: what did you receive, from whom, and when. Expectations wait by the
/// kit's progress driver, so in deterministic tests "within 30 s" means 30 s of virtual time.
/// </summary>
public sealed class TestProbe
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(3);

    private readonly ConcurrentQueue<(object Message, ActorRef Sender)> _received = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly IProgressDriver _progress;

    public TestProbe(ActorSystem system, IProgressDriver progress, string? name = null)
    {
        _progress = progress;
        Ref = system.ActorOf(Props.Create(() => new ProbeActor(Record)), name);
    }

    public ActorRef Ref { get; }

    public ActorRef LastSender { get; private set; } = ActorRefs.NoSender;

    public int QueuedCount => _received.Count;

    public void Send(ActorRef target, object message) => target.Tell(message, Ref);

    public void Reply(object message) => LastSender.Tell(message, Ref);

    public void Watch(ActorRef target) => Ref.Tell(new ProbeActor.WatchRequest(target));

    public void Unwatch(ActorRef target) => Ref.Tell(new ProbeActor.UnwatchRequest(target));

    /// <summary>The next message must be a <typeparamref name="T"/> (matching <paramref name="predicate"/>) and arrive within the time.</summary>
    public T ExpectMsg<T>(Func<T, bool>? predicate = null, TimeSpan? within = null)
    {
        var limit = within ?? DefaultWithin;
        if (!_progress.WaitUntil(() => !_received.IsEmpty, limit, _signal))
        {
            throw new TestKitException($"expected a {typeof(T).Name} within {limit}, but no message arrived");
        }

        _received.TryDequeue(out var next);
        LastSender = next.Sender;
        if (next.Message is not T typed)
        {
            throw new TestKitException($"expected a {typeof(T).Name} but got {Describe(next.Message)}");
        }

        if (predicate is not null && !predicate(typed))
        {
            throw new TestKitException($"got {Describe(typed)}, which does not match the expectation");
        }

        return typed;
    }

    /// <summary>No message may arrive during <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_progress.WaitUntil(() => !_received.IsEmpty, duration, _signal))
        {
            _received.TryPeek(out var unexpected);
            throw new TestKitException($"expected no message for {duration}, but got {Describe(unexpected.Message)}");
        }
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTarget"/>; fails if none does within the time.</summary>
    public T FishForMessage<T>(Func<T, bool> isTarget, TimeSpan? within = null)
    {
        var limit = within ?? DefaultWithin;
        var start = _progress.Time.GetTimestamp();
        var skipped = new List<string>();
        while (true)
        {
            var left = limit - _progress.Time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero || !_progress.WaitUntil(() => !_received.IsEmpty, left, _signal))
            {
                throw new TestKitException($"no matching {typeof(T).Name} within {limit}; skipped: [{string.Join(", ", skipped)}]");
            }

            _received.TryDequeue(out var next);
            LastSender = next.Sender;
            if (next.Message is T typed && isTarget(typed))
            {
                return typed;
            }

            skipped.Add(Describe(next.Message));
        }
    }

    /// <summary>Runs <paramref name="body"/> and checks it took between <paramref name="min"/> and <paramref name="max"/> on the kit's clock.</summary>
    public TResult Within<TResult>(TimeSpan min, TimeSpan max, Func<TResult> body)
    {
        var start = _progress.Time.GetTimestamp();
        var result = body();
        var took = _progress.Time.GetElapsedTime(start);
        if (took < min || took > max)
        {
            throw new TestKitException($"expected the block to take between {min} and {max}, but it took {took}");
        }

        return result;
    }

    public void Within(TimeSpan min, TimeSpan max, Action body) => Within(min, max, () =>
    {
        body();
        return true;
    });

    private void Record(object message, ActorRef sender)
    {
        _received.Enqueue((message, sender));
        _signal.Release();
    }

    private static string Describe(object? message) => message?.ToString() ?? "null";
}
