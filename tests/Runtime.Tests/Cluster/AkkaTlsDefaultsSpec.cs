using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Cluster.Runtime.Cluster;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>
/// What Akka.Remote 1.5.74's TLS does without our validator, to justify <see cref="ClusterTlsSetup"/>: its own check
/// uses the machine's trust store, so nodes of our private CA cannot associate; suppress-validation accepts any
/// certificate at all. Node a is this TestKit's system; certificates from scripts/make-certs.sh.
/// </summary>
public sealed class AkkaTlsDefaultsSpec : IClassFixture<TlsClusterFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    private readonly TlsClusterFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly List<ActorSystem> _systems = [];

    public AkkaTlsDefaultsSpec(TlsClusterFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Akkas_own_validation_refuses_nodes_of_our_CA_because_it_trusts_the_machine_store()
    {
        var (a, seedPort) = StartSeed(Node("a"), suppressValidation: false);
        var kit = new Akka.TestKit.Xunit2.TestKit(a, _output);
        var warnings = kit.CreateTestProbe();
        a.EventStream.Subscribe(warnings.Ref, typeof(Warning));

        var b = Start(Node("b"), seedPort, suppressValidation: false);

        var refusal = await warnings.FishForMessageAsync<Warning>(w => w.Message.ToString()!.Contains("TLS handshake failure", StringComparison.Ordinal), Patience);
        _output.WriteLine(refusal.Message.ToString());
        Assert.Equal(1, UpMembers(a));
        // The dialling side, whose check failed, does not retry: Akka runs CoordinatedShutdown (reason
        // TlsHandshakeFailureReason, exit code 79) and its actor system terminates.
        await b.WhenTerminated.WaitAsync(Patience);
    }

    [Fact]
    public async Task Suppress_validation_lets_a_certificate_of_another_CA_join()
    {
        var (a, seedPort) = StartSeed(Node("a"), suppressValidation: true);
        var rogue = Start(new TlsSettings(true, _fixture.Certificates.Rogue, _fixture.Certificates.RoguePassword, _fixture.Certificates.ClusterCa), seedPort, suppressValidation: true);

        var kit = new Akka.TestKit.Xunit2.TestKit(a, _output);
        await kit.AwaitAssertAsync(() => Assert.Equal(2, UpMembers(a)), Patience);
        Assert.Contains(Akka.Cluster.Cluster.Get(rogue).SelfAddress, Akka.Cluster.Cluster.Get(a).State.Members.Select(m => m.Address));
    }

    public void Dispose()
    {
        Task.WaitAll([.. _systems.Select(s => s.Terminate())], TimeSpan.FromSeconds(30));
    }

    private static int UpMembers(ActorSystem system) =>
        Akka.Cluster.Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up);

    private TlsSettings Node(string name) =>
        new(true, _fixture.Certificates.Node(name), _fixture.Certificates.ClusterPassword, _fixture.Certificates.ClusterCa);

    private (ActorSystem System, int Port) StartSeed(TlsSettings tls, bool suppressValidation)
    {
        var port = TlsNodes.FreePort();
        return (Start(tls, port, port, suppressValidation), port);
    }

    private ActorSystem Start(TlsSettings tls, int seedPort, bool suppressValidation) =>
        Start(tls, TlsNodes.FreePort(), seedPort, suppressValidation);

    private ActorSystem Start(TlsSettings tls, int port, int seedPort, bool suppressValidation)
    {
        var system = ActorSystem.Create(TlsNodes.SystemName, TlsNodes.HoconOnly(tls, _fixture.LeaseDatabase.LeaseBlock(), port, seedPort, suppressValidation));
        _systems.Add(system);
        return system;
    }
}
