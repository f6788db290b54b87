using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Leases;

/// <summary>
/// The lease as the move will use it: a one-node cluster whose ClusterSingletonManager has use-lease and whose
/// split-brain resolver is lease-majority, both pointing at the registered block. The singleton child reads its
/// fencing token from the very lease its manager acquired. Real scheduler (cluster gossip), bounded ExpectMsg.
/// </summary>
public abstract class SingletonLeaseSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestDatabase _db;

    protected SingletonLeaseSpec(TestDatabase db, ITestOutputHelper output)
        : base(SystemConfig(db), output: output)
    {
        _db = db;
    }

    [Fact]
    public async Task The_singleton_starts_under_the_lease_and_its_child_reads_epoch_1()
    {
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        await cluster.JoinAsync(cluster.SelfAddress);

        Sys.ActorOf(
            ClusterSingletonManager.Props(Props.Create(() => new EpochReporter(TestActor)), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(Sys)),
            "vrm");

        var started = ExpectMsg<SingletonStarted>(TimeSpan.FromSeconds(20));
        Assert.Equal(1, started.Epoch);
        Assert.True(started.Held);
        Assert.StartsWith(cluster.SelfAddress.HostPort() + "#", started.Holder, StringComparison.Ordinal);

        var table = new LeaseTable(SqlLeaseSettings.From(Sys.Settings.Config.GetConfig(SqlLeaseConfig.ConfigPath)).OpenDatabase());
        var row = await table.ReadAsync($"{Sys.Name}-singleton-akka://{Sys.Name}/user/vrm", CancellationToken.None);
        Assert.Equal(started.Holder, row?.Holder);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _db.Dispose();
    }

    private static Config SystemConfig(TestDatabase db) =>
        ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.cluster.singleton { use-lease = "{{SqlLeaseConfig.ConfigPath}}", lease-retry-interval = 200ms }
            akka.cluster.downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            akka.cluster.split-brain-resolver {
              active-strategy = lease-majority
              lease-majority.lease-implementation = "{{SqlLeaseConfig.ConfigPath}}"
            }
            """)
            .WithFallback(db.LeaseBlock());

    private sealed record SingletonStarted(long Epoch, string Holder, bool Held);

    /// <summary>Stands in for the VRM: on start it reads the fencing token it will stamp on host commands.</summary>
    private sealed class EpochReporter : ReceiveActor
    {
        public EpochReporter(IActorRef probe)
        {
            var lease = SingletonLease.Of(Context.System, Context.Parent.Path);
            probe.Tell(new SingletonStarted(lease.Epoch, lease.Holder, lease.CheckLease()));
            ReceiveAny(_ => { });
        }
    }
}

public sealed class SqliteSingletonLeaseTests(ITestOutputHelper output) : SingletonLeaseSpec(new SqliteTestDatabase(), output);

public sealed class PostgresSingletonLeaseTests(ITestOutputHelper output) : SingletonLeaseSpec(new PostgresTestDatabase(), output);
