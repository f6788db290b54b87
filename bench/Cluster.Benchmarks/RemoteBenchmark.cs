using System.Diagnostics;
using System.Text.Json.Serialization;
using Cluster.Actors.Remote;
using Cluster.Actors.Remote.Serialization;
using Cluster.Actors.Remote.Tcp;

namespace Cluster.Benchmarks;

/// <summary>
/// Throughput of the TCP transport: two transports in one process over loopback, one sender, one
/// receiver counting. Measured from the first send to the last receipt, after a warm-up that opens the
/// connection and JIT-compiles the path.
/// </summary>
public static class RemoteBenchmark
{
    private const int MeasuredMessages = 2_000_000;
    private const int WarmUpMessages = 1_000_000;

    // The sender keeps at most this many messages in flight: a real sender cannot outrun the network for
    // long either, and the transport drops (by design) what overflows its per-peer queue.
    private const int Chunk = 10_000;
    private const int ChunksInFlight = 5;

    public static async Task RunAsync(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var registry = new MessageRegistry();
        registry.Register("bench.ping.v1", RemoteBenchmarkJson.Default.BenchPing);
        var counter = new CountingInbound();
        await using var receiver = new TcpTransport(Options("receiver"), registry);
        await using var sender = new TcpTransport(Options("sender"), registry);
        await receiver.StartAsync(counter);
        await sender.StartAsync(new CountingInbound());

        await PushAsync(sender, receiver.LocalAddress, counter, WarmUpMessages);
        var started = Stopwatch.GetTimestamp();
        await PushAsync(sender, receiver.LocalAddress, counter, MeasuredMessages);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        report("remote.tcp.msgs_per_s", MeasuredMessages / seconds, "msgs/s");
    }

    private static async Task PushAsync(TcpTransport sender, NodeAddress to, CountingInbound counter, int messages)
    {
        var done = counter.Expect(messages, Chunk, ChunksInFlight);
        const string recipient = "/user/bench";
        var from = $"{sender.LocalAddress}/user/pinger";
        for (var sent = 0; sent < messages; sent += Chunk)
        {
            await counter.Credits.WaitAsync();
            for (var i = sent; i < sent + Chunk; i++)
            {
                sender.Send(to, new RemoteEnvelope(recipient, from, new BenchPing(i, "ping")));
            }
        }

        await done.WaitAsync(TimeSpan.FromMinutes(2));
        if (sender.DroppedEnvelopes > 0)
        {
            throw new InvalidOperationException($"the transport dropped {sender.DroppedEnvelopes} messages");
        }
    }

    private static TcpTransportOptions Options(string system) => new()
    {
        SystemName = system,
        ClusterSecret = "benchmark",
    };

    /// <summary>Counts receipts (one connection, so one delivering thread) and hands the sender a credit per chunk.</summary>
    private sealed class CountingInbound : ITransportInbound
    {
        private int received;
        private int target;
        private int chunk;
        private TaskCompletionSource done = new();

        public SemaphoreSlim Credits { get; private set; } = new(0);

        public Task Expect(int messages, int chunkSize, int chunksInFlight)
        {
            received = 0;
            target = messages;
            chunk = chunkSize;
            Credits = new SemaphoreSlim(chunksInFlight);
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return done.Task;
        }

        public void Deliver(NodeAddress from, RemoteEnvelope envelope)
        {
            var count = ++received;
            if (count % chunk == 0)
            {
                Credits.Release();
            }

            if (count == target)
            {
                done.TrySetResult();
            }
        }
    }
}

public sealed record BenchPing(int Seq, string Text);

[JsonSerializable(typeof(BenchPing))]
internal sealed partial class RemoteBenchmarkJson : JsonSerializerContext;
