using Cluster.Actors;
using Cluster.Actors.Deterministic;

namespace Cluster.TestKit;

/// <summary>
/// The usual start of a kernel test: a deterministic world with one node ("test"), probes, virtual
/// time, captured logs and the fault-injection one-liners.
/// </summary>
public sealed class DeterministicTestKit
{
    public DeterministicTestKit(int seed = 1)
    {
        World = new DeterministicWorld(seed, Logs);
        System = World.CreateNode("test");
        Progress = new DeterministicProgress(World.Dispatcher);
    }

    public CapturedLogs Logs { get; } = new();

    public DeterministicWorld World { get; }

    public ActorSystem System { get; }

    public DeterministicProgress Progress { get; }

    public TimeSpan Now => World.Clock.Elapsed;

    public TestProbe CreateProbe(ActorSystem? node = null, string? name = null) => new(node ?? System, Progress, name);

    public void RunUntilIdle() => World.RunUntilIdle();

    public void Advance(TimeSpan duration) => World.Advance(duration);

    public void Partition(string a, string b, bool oneWay = false) => World.Partition(a, b, oneWay);

    public void Heal() => World.Heal();

    public void Crash(string node) => World.Crash(node);

    public ActorSystem Restart(string node) => World.Restart(node);

    /// <summary>Asks and runs the world until the answer is in (virtual time).</summary>
    public T Ask<T>(ActorRef target, object message, TimeSpan? timeout = null, ActorSystem? from = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(3);
        var task = (from ?? System).Ask<T>(target, message, limit);
        World.Dispatcher.RunUntil(() => task.IsCompleted, limit + TimeSpan.FromTicks(1));
        return task.IsCompleted ? task.GetAwaiter().GetResult() : throw new TestKitException($"ask to {target} did not complete");
    }
}
