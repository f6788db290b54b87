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

    /// <summary>
    /// Akka's own TLS, without <see cref="ClusterTlsSetup"/>: the certificate from HOCON and Akka's validation
    /// (or none, with <paramref name="suppressValidation"/>). Only to show what Akka does by itself.
    /// </summary>
    public static Config HoconOnly(TlsSettings tls, Config leaseBlock, int port, int seedPort, bool suppressValidation) =>
        ConfigurationFactory.ParseString($"""
            akka.remote.dot-netty.tcp.ssl.certificate.path = {Quote(tls.CertificatePath!)}
            akka.remote.dot-netty.tcp.ssl.certificate.password = {Quote(tls.CertificatePassword!)}
            akka.remote.dot-netty.tcp.ssl.suppress-validation = {(suppressValidation ? "on" : "off")}
            """)
            .WithFallback(ClusterFormationHocon.Build(new ClusterFormationSettings(SystemName, [ClusterRoles.Host], Port: port, Seeds: [Address(seedPort)], Tls: tls)))
            .WithFallback(leaseBlock)
            .WithFallback(ClusterSerializationConfig.Hocon);

    public static ActorSystem Start(TlsSettings tls, Config leaseBlock, int seedPort) =>
        ActorSystem.Create(SystemName, Setup(tls, leaseBlock, FreePort(), seedPort));

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";
}
