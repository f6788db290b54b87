namespace Cluster.Simulation.World;

/// <summary>An ask from outside the network (<see cref="SimWorld.BeginAsk"/>): its question and, once it came, the first answer and when.</summary>
public sealed class SimAsk
{
    private readonly SimWorld _world;

    internal SimAsk(SimWorld world, SimAddress asker, object question, TimeSpan sentAt)
    {
        _world = world;
        Asker = asker;
        Question = question;
        SentAt = sentAt;
    }

    public SimAddress Asker { get; }

    public object Question { get; }

    public TimeSpan SentAt { get; }

    public bool IsAnswered => AnsweredAt is not null;

    public object? Answer { get; private set; }

    public TimeSpan? AnsweredAt { get; private set; }

    /// <summary>Gives up on the answer: one that comes later is dropped.</summary>
    public void Forget() => _world.Forget(this);

    internal void Answered(object answer, TimeSpan at)
    {
        Answer = answer;
        AnsweredAt = at;
    }
}
