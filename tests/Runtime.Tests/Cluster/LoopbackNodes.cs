using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Serialization;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>Plain-TCP cluster nodes on loopback, formed by the same <see cref="ClusterFormation"/> the processes use.</summary>
internal static class LoopbackNodes
{
    public const string SystemName = "cluster";

    public static string Address(int port) => FormattableString.Invariant($"akka.tcp://{SystemName}@127.0.0.1:{port}");

    /// <summary>Port 0 picks a free one: fine for every node but the seed, whose port the others dial.</summary>
    public static ActorSystemSetup Setup(string role, Config leaseBlock, int port, int seedPort) =>
        ClusterFormation.CreateSetup(
            new ClusterFormationSettings(SystemName, [role], Port: port, Seeds: [Address(seedPort)]),
            leaseBlock,
            ClusterSerializationConfig.Hocon);

    public static ActorSystem Start(string role, Config leaseBlock, int seedPort) =>
        ActorSystem.Create(SystemName, Setup(role, leaseBlock, 0, seedPort));
}
