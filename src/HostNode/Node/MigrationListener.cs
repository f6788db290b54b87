using Cluster.HostNode.Hosting;
using Cluster.HostNode.Hypervisor.Tcp;

namespace Cluster.HostNode.Node;

/// <summary>The host node's migration transport: it outlives every actor system of the process, as the hypervisor does.</summary>
public static class MigrationListener
{
    /// <summary>Listens at <c>--migration-listen</c>, mutual TLS with the node's certificate when the cluster runs with TLS.</summary>
    public static TcpMigrationTransport Open(HostNodeOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var tls = options.Formation.TlsOrOff;
        return new TcpMigrationTransport(
            options.MigrationListen.Listen,
            options.MigrationListen.AdvertisedHost,
            tls.Enabled ? MigrationTls.From(tls) : null,
            loggers.CreateLogger("Cluster.HostNode.Migration"));
    }
}
