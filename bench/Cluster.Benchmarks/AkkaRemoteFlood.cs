using Akka.Actor;
using Cluster.Messages;

namespace Cluster.Benchmarks;

/// <summary>
/// The two ends of <see cref="AkkaRemoteBenchmark"/>'s flood. The sender keeps at most <c>window</c> heartbeats
/// unacknowledged: the receiver acknowledges every <see cref="AckEvery"/>, so neither Akka.Remote's endpoint
/// buffer nor the receiver's mailbox grows without bound.
/// </summary>
internal static class AkkaRemoteFlood
{
    public const int AckEvery = 1_000;

    private static readonly HostId Host = new("bench-host");

    public static Heartbeat Beat(long seq) => new(Host, seq, 0, 0, []);

    /// <summary>Counts heartbeats (over every flood) and acknowledges every <see cref="AckEvery"/> with the running count.</summary>
    public sealed class Receiver : ReceiveActor
    {
        public Receiver()
        {
            long received = 0;
            Receive<Heartbeat>(_ =>
            {
                received++;
                if (received % AckEvery == 0)
                {
                    Sender.Tell(Beat(received));
                }
            });
        }
    }

    /// <summary>
    /// Sends <c>total</c> heartbeats (a multiple of <see cref="AckEvery"/>) to <c>target</c>, never more than
    /// <c>window</c> ahead of the last ack; done once the receiver's count reaches <c>alreadyReceived + total</c>.
    /// </summary>
    public sealed class Sender : ReceiveActor
    {
        public Sender(IActorRef target, long alreadyReceived, long total, int window, TaskCompletionSource done)
        {
            long sent = 0;
            void SendUpTo(long limit)
            {
                for (; sent < Math.Min(limit, total); sent++)
                {
                    target.Tell(Beat(sent), Self);
                }
            }

            Receive<string>(_ => SendUpTo(window));
            Receive<Heartbeat>(ack =>
            {
                var acked = ack.Seq - alreadyReceived;
                if (acked >= total)
                {
                    done.TrySetResult();
                }

                SendUpTo(acked + window);
            });
        }
    }
}
