using Cluster.Actors.Remote;
using Cluster.Actors.Remote.Tcp;

namespace Cluster.Actors.Tests.Remote;

/// <summary>A started TcpTransport on loopback with a probe for what arrives and a log to inspect.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    public const string Secret = "correct horse battery staple";

    private TestNode(TcpTransport transport, InboundProbe inbox, CapturingLogger log)
    {
        Transport = transport;
        Inbox = inbox;
        Log = log;
    }

    public TcpTransport Transport { get; }

    public InboundProbe Inbox { get; }

    public CapturingLogger Log { get; }

    public NodeAddress Address => Transport.LocalAddress;

    public static async Task<TestNode> StartAsync(string system, string secret = Secret, int port = 0, TimeSpan? handshakeTimeout = null)
    {
        var log = new CapturingLogger();
        var transport = new TcpTransport(
            new TcpTransportOptions
            {
                SystemName = system,
                Port = port,
                ClusterSecret = secret,
                HandshakeTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(5),
                ReconnectBackoff = TimeSpan.Zero,
                Logger = log,
            },
            TestRegistry.Create());
        var inbox = new InboundProbe();
        await transport.StartAsync(inbox);
        return new TestNode(transport, inbox, log);
    }

    public void Send(TestNode to, object message, string recipient = "/user/probe") =>
        Transport.Send(to.Address, new RemoteEnvelope(recipient, $"{Address}/user/sender", message));

    /// <summary>Sends a ping and expects it, and nothing else, to arrive next at <paramref name="to"/>.</summary>
    public async Task AssertDeliversAsync(TestNode to)
    {
        var ping = new Ping(42, "still alive");
        Send(to, ping);
        var (from, envelope) = await to.Inbox.NextAsync();
        Assert.Equal(Address, from);
        Assert.Equal(ping, envelope.Message);
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
