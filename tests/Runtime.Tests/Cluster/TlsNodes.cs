using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Serialization;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>Cluster nodes on loopback with TLS, through the same <see cref="ClusterFormation"/> the processes will use.</summary>
internal static class TlsNodes
{
    public const string SystemName = "cluster";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Address(int port) => FormattableString.Invariant($"akka.ssl.tcp://{SystemName}@127.0.0.1:{port}");

    public static ActorSystemSetup Setup(TlsSettings tls, Config leaseBlock, int port, int seedPort) =>
        ClusterFormation.CreateSetup(
            new ClusterFormationSettings(SystemName, [ClusterRoles.Host], Port: port, Seeds: [Address(seedPort)], Tls: tls),
            leaseBlock,
            ClusterSerializationConfig.Hocon);

    public static ActorSystem Start(TlsSettings tls, Config leaseBlock, int seedPort) =>
        ActorSystem.Create(SystemName, Setup(tls, leaseBlock, FreePort(), seedPort));
}
