using System.Net.Sockets;
using Cluster.Actors;
using Cluster.Actors.Remote;
using Cluster.Actors.Remote.Tcp;
using Cluster.Hosting.Configuration;
using Microsoft.Extensions.Logging;

namespace Cluster.Hosting;

/// <summary>Starts a process's actor system on the TCP transport, with the cluster's wire registry.</summary>
public static class ClusterNode
{
    /// <summary>Every process of a cluster uses this system name: it is the first part of every actor path.</summary>
    public const string SystemName = "cluster";

    public const string ControllerPath = "/user/controller";

    public const string CnaPath = "/user/cna";

    public static async Task<ActorSystem> StartAsync(NodeTransportConfig config, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var (host, port, publicHost, secret) = config;
        var transport = new TcpTransport(
            new TcpTransportOptions
            {
                SystemName = SystemName,
                Host = host,
                Port = port,
                PublicHost = publicHost,
                ClusterSecret = secret,
                Logger = loggerFactory.CreateLogger("Cluster.Transport"),
            },
            ClusterWireRegistry.Create());
        try
        {
            return await ActorSystem.CreateAsync(
                new ActorSystemOptions
                {
                    Address = new NodeAddress(SystemName, publicHost ?? host, port),
                    Transport = transport,
                    LoggerFactory = loggerFactory,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable or SocketError.AccessDenied)
        {
            var why = ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : $"cannot be bound: {ex.Message}";
            throw new ConfigException("--listen", $"cluster port {host}:{port} {why}");
        }
    }

    /// <summary>The controller singleton's path in the controller process that listens at host:port.</summary>
    public static ActorPath ControllerAt(string host, int port) => new(new NodeAddress(SystemName, host, port), ControllerPath);
}
