using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;

namespace Cluster.Benchmarks;

/// <summary>
/// Suite <c>akka actors</c>: local Akka.NET messaging (docs/benchmarks.md sets it beside the figures of the runtime it
/// replaced). Tell: one sender floods a counting actor, acknowledged once per batch so the mailbox stays bounded.
/// Ask: one question at a time, p99 of the round trip.
/// </summary>
public static class AkkaActorBenchmark
{
    private const int Batch = 10_000;
    private const int TellBatches = 500;
    private const int Asks = 50_000;

    public static async Task RunAsync(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        try
        {
            var counter = system.ActorOf(Props.Create(() => new Counter()));
            await TellAsync(counter, TellBatches / 10);
            var started = Stopwatch.GetTimestamp();
            await TellAsync(counter, TellBatches);
            report("actors.tell.msgs_per_s", (double)TellBatches * Batch / Stopwatch.GetElapsedTime(started).TotalSeconds, "msgs/s");

            var echo = system.ActorOf(Props.Create(() => new Echo()));
            await AskAllAsync(echo, Asks / 10, null);
            var latencies = new double[Asks];
            await AskAllAsync(echo, Asks, latencies);
            Array.Sort(latencies);
            report("actors.ask.p99_us", latencies[(int)(Asks * 0.99)], "us");
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task TellAsync(IActorRef counter, int batches)
    {
        for (var b = 0; b < batches; b++)
        {
            for (var i = 0; i < Batch - 1; i++)
            {
                counter.Tell(Tick.Instance);
            }

            await counter.Ask<Tick>(Tick.Last, TimeSpan.FromSeconds(30));
        }
    }

    private static async Task AskAllAsync(IActorRef echo, int count, double[]? latencies)
    {
        var question = new object();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await echo.Ask<object>(question, TimeSpan.FromSeconds(5));
            if (latencies is not null)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
    }

    private sealed record Tick(bool IsLast)
    {
        public static readonly Tick Instance = new(false);
        public static readonly Tick Last = new(true);
    }

    private sealed class Counter : ReceiveActor
    {
        private long _seen;

        public Counter() => Receive<Tick>(tick =>
        {
            _seen++;
            if (tick.IsLast)
            {
                Sender.Tell(tick);
            }
        });

        public long Seen => _seen;
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
