using System.Diagnostics;
using Cluster.Actors;
using Cluster.Actors.Deterministic;

namespace Cluster.Benchmarks;

/// <summary>Throughput and latency of the actor kernel itself.</summary>
public static class KernelBenchmarks
{
    public static async Task RunAsync(Action<string, double, string> report)
    {
        report("kernel.tell.msgs_per_s", await TellThroughputAsync(), "msgs/s");
        report("kernel.ask.p99_us", await AskP99MicrosecondsAsync(), "us");
        report("sim.events_per_s", SimulationEventsPerSecond(), "events/s");
        await RemoteBenchmark.RunAsync(report);
    }

    /// <summary>Many ping-pong pairs on the thread pool, all cores busy; counts every message handled.</summary>
    private static async Task<double> TellThroughputAsync()
    {
        const int pairs = 256;
        const int exchangesPerPair = 40_000;
        await using var system = ActorSystem.Create(new ActorSystemOptions { Throughput = 200 });
        var done = new CountdownEvent(pairs);
        var pingers = new List<ActorRef>();
        for (var i = 0; i < pairs; i++)
        {
            var ponger = system.ActorOf(Props.Create(() => new Ponger()));
            pingers.Add(system.ActorOf(Props.Create(() => new Pinger(ponger, exchangesPerPair, done))));
        }

        var clock = Stopwatch.StartNew();
        foreach (var pinger in pingers)
        {
            // Several balls in flight per pair, so mailboxes batch as they would under load.
            for (var b = 0; b < 20; b++)
            {
                pinger.Tell(Ball.Instance);
            }
        }

        done.Wait();
        clock.Stop();
        var messages = (double)pairs * exchangesPerPair * 2;
        return messages / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> AskP99MicrosecondsAsync()
    {
        await using var system = ActorSystem.Create(new ActorSystemOptions());
        var echo = system.ActorOf(Props.Create(() => new Ponger()));
        var samples = new List<double>(50_000);
        for (var i = 0; i < 55_000; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await system.Ask(echo, Ball.Instance, TimeSpan.FromSeconds(5));
            if (i >= 5_000)
            {
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        samples.Sort();
        return samples[(int)(samples.Count * 0.99)];
    }

    /// <summary>Ping-pong pairs on the deterministic dispatcher: one thread, seeded choice of the next mailbox.</summary>
    private static double SimulationEventsPerSecond()
    {
        var world = new DeterministicWorld(seed: 7);
        var system = world.CreateNode("bench");
        const int pairs = 100;
        const int exchanges = 20_000;
        var done = new CountdownEvent(pairs);
        for (var i = 0; i < pairs; i++)
        {
            var ponger = system.ActorOf(Props.Create(() => new Ponger()));
            system.ActorOf(Props.Create(() => new Pinger(ponger, exchanges, done))).Tell(Ball.Instance);
        }

        var before = world.Dispatcher.ProcessedCount;
        var clock = Stopwatch.StartNew();
        world.RunUntilIdle();
        clock.Stop();
        return (world.Dispatcher.ProcessedCount - before) / clock.Elapsed.TotalSeconds;
    }

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Ponger : ActorBase
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    private sealed class Pinger(ActorRef ponger, int exchanges, CountdownEvent done) : ActorBase
    {
        private int _count;

        protected override void OnReceive(object message)
        {
            if (++_count == exchanges)
            {
                done.Signal();
            }

            if (_count < exchanges)
            {
                ponger.Tell(message, Self);
            }
        }
    }
}
