using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Cluster.Messages;
using Cluster.Runtime.Cluster;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>
/// Akka.Remote 1.5.74 with <see cref="ClusterTlsSetup"/> on loopback: node a (this TestKit's system, its own seed)
/// and nodes started beside it. Certificates from scripts/make-certs.sh. Real sockets, bounded waits.
/// </summary>
public sealed class MutualTlsSpec : Akka.TestKit.Xunit2.TestKit, IClassFixture<TlsClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    private readonly TlsClusterFixture _fixture;
    private readonly List<ActorSystem> _others = [];

    public MutualTlsSpec(TlsClusterFixture fixture, ITestOutputHelper output)
        : base(SeedSetup(fixture), TlsNodes.SystemName, output)
    {
        _fixture = fixture;
        Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)), "inbox");
    }

    private int SeedPort => Akka.Cluster.Cluster.Get(Sys).SelfAddress.Port!.Value;

    [Fact]
    public async Task Two_nodes_with_certificates_from_the_cluster_CA_form_a_cluster_and_exchange_our_messages()
    {
        var b = StartOther(ClusterNode("b"));

        await AwaitAssertAsync(() => Assert.Equal(2, UpMembers(Sys)), Patience);
        // The reply crossed TLS both ways, serialized by ours (the only binding IWireMessage has).
        EchoOf(b).Tell(new VmDeleted(new VmId("vm-1")), TestActor);
        Assert.Equal(new VmDeleted(new VmId("vm-1")), ExpectMsg<VmDeleted>(Patience));
    }

    [Fact]
    public async Task A_node_with_a_certificate_from_another_CA_is_refused_and_the_refusal_is_logged()
    {
        var warnings = CreateTestProbe();
        Sys.EventStream.Subscribe(warnings.Ref, typeof(Warning));

        // The rogue trusts our CA, so it accepts a's certificate and presents its own: only a's check can stop it.
        var rogue = StartOther(new TlsSettings(true, _fixture.Certificates.Rogue, _fixture.Certificates.RoguePassword, _fixture.Certificates.ClusterCa));
        rogue.ActorSelection(TlsNodes.Address(SeedPort) + "/user/inbox").Tell(new VmDeleted(new VmId("vm-rogue")));

        var refusal = await warnings.FishForMessageAsync<Warning>(w => w.Message.ToString()!.Contains("does not chain to the cluster CA", StringComparison.Ordinal), Patience);
        Output?.WriteLine(refusal.Message.ToString());
        await ExpectNoMsgAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(1, UpMembers(Sys));
        Assert.Equal(0, UpMembers(rogue));
    }

    [Fact]
    public async Task A_node_that_dials_a_peer_with_another_CAs_certificate_refuses_it_and_shuts_itself_down()
    {
        // Here the foreign certificate is the server's, so the check that fails is the dialling node's own.
        var roguePort = TlsNodes.FreePort();
        var rogue = ActorSystem.Create(TlsNodes.SystemName, TlsNodes.Setup(
            new TlsSettings(true, _fixture.Certificates.Rogue, _fixture.Certificates.RoguePassword, _fixture.Certificates.ClusterCa),
            _fixture.LeaseDatabase.LeaseBlock(), roguePort, roguePort));
        _others.Add(rogue);

        var b = TlsNodes.Start(ClusterNode("b"), _fixture.LeaseDatabase.LeaseBlock(), roguePort);
        _others.Add(b);

        // Akka.Remote 1.5.74 treats a failed outbound handshake as fatal: CoordinatedShutdown, exit code 79.
        await b.WhenTerminated.WaitAsync(Patience);
        Assert.Equal(1, UpMembers(rogue));
    }

    [Fact]
    public async Task Hostile_bytes_on_the_TLS_port_are_survived_and_a_legit_node_still_gets_through()
    {
        await SendHostileBytesAsync(SeedPort);

        var b = StartOther(ClusterNode("b"));
        await AwaitAssertAsync(() => Assert.Equal(2, UpMembers(Sys)), Patience);
        EchoOf(b).Tell(new VmDeleted(new VmId("vm-2")), TestActor);
        Assert.Equal(new VmDeleted(new VmId("vm-2")), ExpectMsg<VmDeleted>(Patience));
    }

    protected override void AfterAll()
    {
        foreach (var other in _others)
        {
            Shutdown(other, verifySystemShutdown: false);
        }

        base.AfterAll();
    }

    private static Akka.Actor.Setup.ActorSystemSetup SeedSetup(TlsClusterFixture fixture)
    {
        var certs = fixture.Certificates;
        var port = TlsNodes.FreePort();
        return TlsNodes.Setup(new TlsSettings(true, certs.Node("a"), certs.ClusterPassword, certs.ClusterCa), fixture.LeaseDatabase.LeaseBlock(), port, port);
    }

    private static int UpMembers(ActorSystem system) =>
        Akka.Cluster.Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up);

    private static async Task SendHostileBytesAsync(int port)
    {
        byte[][] payloads =
        [
            // Deterministic noise (Random is banned here): every byte value, scrambled.
            [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 131) + 7))],
            // A TLS handshake record header claiming 16 MB, then nothing.
            [0x16, 0x03, 0x01, 0xFF, 0xFF, 0x01, 0xFF, 0xFF, 0xFF],
            // Plain-text Akka speakers are what TLS exists to keep out: an HTTP request stands in for one.
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(),
            [],
        ];
        foreach (var payload in payloads)
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var stream = client.GetStream();
            await stream.WriteAsync(payload);
            await stream.FlushAsync();
        }
    }

    private ActorSelection EchoOf(ActorSystem node)
    {
        node.ActorOf(Props.Create(() => new Echo()), "echo");
        return Sys.ActorSelection(Akka.Cluster.Cluster.Get(node).SelfAddress + "/user/echo");
    }

    private TlsSettings ClusterNode(string name) => new(true, _fixture.Certificates.Node(name), _fixture.Certificates.ClusterPassword, _fixture.Certificates.ClusterCa);

    private ActorSystem StartOther(TlsSettings tls)
    {
        var system = TlsNodes.Start(tls, _fixture.LeaseDatabase.LeaseBlock(), SeedPort);
        _others.Add(system);
        return system;
    }
}
