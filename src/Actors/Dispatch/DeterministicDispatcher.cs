namespace Cluster.Actors;

/// <summary>
/// Runs every actor on the calling thread. Which ready mailbox runs next is drawn from a seeded random
/// source, one message at a time, so a seed fixes one interleaving; time moves only through
/// <see cref="Advance"/>. Same seed, same inputs: the same run, bit for bit.
/// </summary>
public sealed class DeterministicDispatcher : IDispatcher
{
    private readonly List<Mailbox> _ready = [];

    public DeterministicDispatcher(int seed, VirtualTimeProvider? clock = null)
    {
        Seed = seed;
        Random = new Random(seed);
        Clock = clock ?? new VirtualTimeProvider();
    }

    public int Seed { get; }

    /// <summary>The one random source of the run: interleavings and actors' own randomness both draw from it.</summary>
    public Random Random { get; }

    public VirtualTimeProvider Clock { get; }

    /// <summary>Messages processed so far (user and system).</summary>
    public long ProcessedCount { get; private set; }

    /// <summary>Called for every user message just before its actor handles it: the run's trace.</summary>
    public Action<ActorRef, object, ActorRef>? Trace { get; set; }

    void IDispatcher.Schedule(Mailbox mailbox) => _ready.Add(mailbox);

    /// <summary>Processes messages until no mailbox has work. Returns how many ran.</summary>
    public long RunUntilIdle(long maxMessages = long.MaxValue)
    {
        long ran = 0;
        while (_ready.Count > 0 && ran < maxMessages)
        {
            var index = _ready.Count == 1 ? 0 : Random.Next(_ready.Count);
            var mailbox = _ready[index];
            _ready[index] = _ready[^1];
            _ready.RemoveAt(_ready.Count - 1);
            ran += mailbox.Run(1);
        }

        ProcessedCount += ran;
        return ran;
    }

    /// <summary>Moves virtual time forward by <paramref name="duration"/>, firing due timers in order and running all work they cause.</summary>
    public void Advance(TimeSpan duration)
    {
        var target = Clock.GetUtcNow() + duration;
        RunUntilIdle();
        while (Clock.FireNext(target))
        {
            RunUntilIdle();
        }

        Clock.MoveTo(target);
    }

    /// <summary>Advances to the next timer and runs what it causes; false if no timer is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        RunUntilIdle();
        var next = Clock.NextDue;
        if (next is null)
        {
            return false;
        }

        Advance(next.Value - Clock.GetUtcNow());
        return true;
    }

    /// <summary>
    /// Runs the world until <paramref name="done"/> holds, jumping virtual time from timer to timer but never
    /// past <paramref name="within"/> from now; returns whether it holds. This is how anything "waits" in the simulation.
    /// </summary>
    public bool RunUntil(Func<bool> done, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = Clock.GetUtcNow() + within;
        while (true)
        {
            RunUntilIdle();
            if (done())
            {
                return true;
            }

            var next = Clock.NextDue;
            if (next is null || next.Value > deadline)
            {
                Advance(deadline - Clock.GetUtcNow());
                return done();
            }

            Advance(next.Value - Clock.GetUtcNow());
        }
    }

    internal void TraceDelivery(ActorRef recipient, Envelope envelope) => Trace?.Invoke(recipient, envelope.Message, envelope.Sender);
}
