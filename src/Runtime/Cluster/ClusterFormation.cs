using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting;
using Cluster.Runtime.Leases;

namespace Cluster.Runtime.Cluster;

/// <summary>
/// Applies <see cref="ClusterFormationSettings"/> to an actor system: its HOCON, with TLS its <see cref="ClusterTlsSetup"/>,
/// and the <see cref="SqlLeaseConfig.ConfigPath"/> block the split-brain resolver's lease-majority needs. The block is
/// a parameter because without it the cluster daemon dies at start with a NullReferenceException (issue 7) and the
/// node never joins.
/// </summary>
public static class ClusterFormation
{
    /// <summary>For Akka.Hosting: the formation's HOCON takes precedence over what was added before.</summary>
    public static AkkaConfigurationBuilder AddClusterFormation(this AkkaConfigurationBuilder builder, ClusterFormationSettings settings, Config leaseBlock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHocon(ClusterFormationHocon.Build(settings), HoconAddMode.Prepend);
        builder.AddSqlLease(leaseBlock);
        if (settings.TlsOrOff.Enabled)
        {
            builder.AddSetup(ClusterTlsSetup.Create(settings.TlsOrOff));
        }

        if (settings.Discovery == DiscoveryMode.Kubernetes)
        {
            builder.AddStartup((system, _) => ClusterBootstrapEndpoint.StartAsync(system, settings));
        }

        return builder;
    }

    /// <summary>
    /// For a plain <c>ActorSystem.Create(name, setup)</c> (tests, benchmarks): the formation and the lease over
    /// <paramref name="fallback"/>. In Kubernetes mode the caller starts bootstrap (<see cref="ClusterBootstrapEndpoint"/>).
    /// </summary>
    public static ActorSystemSetup CreateSetup(ClusterFormationSettings settings, Config leaseBlock, Config? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(leaseBlock);
        var config = ClusterFormationHocon.Build(settings).WithFallback(leaseBlock);
        var bootstrap = BootstrapSetup.Create().WithConfig(fallback is null ? config : config.WithFallback(fallback));
        return settings.TlsOrOff.Enabled ? bootstrap.And(ClusterTlsSetup.Create(settings.TlsOrOff)) : ActorSystemSetup.Create(bootstrap);
    }
}
