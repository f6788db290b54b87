using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting;

namespace Cluster.Runtime.Cluster;

/// <summary>Applies <see cref="ClusterFormationSettings"/> to an actor system: its HOCON and, with TLS, its <see cref="ClusterTlsSetup"/>.</summary>
public static class ClusterFormation
{
    /// <summary>For Akka.Hosting: the formation's HOCON takes precedence over what was added before.</summary>
    public static AkkaConfigurationBuilder AddClusterFormation(this AkkaConfigurationBuilder builder, ClusterFormationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHocon(ClusterFormationHocon.Build(settings), HoconAddMode.Prepend);
        if (settings.TlsOrOff.Enabled)
        {
            builder.AddSetup(ClusterTlsSetup.Create(settings.TlsOrOff));
        }

        return builder;
    }

    /// <summary>For a plain <c>ActorSystem.Create(name, setup)</c> (tests, benchmarks): the formation over <paramref name="fallback"/>.</summary>
    public static ActorSystemSetup CreateSetup(ClusterFormationSettings settings, Config? fallback = null)
    {
        var config = ClusterFormationHocon.Build(settings);
        var bootstrap = BootstrapSetup.Create().WithConfig(fallback is null ? config : config.WithFallback(fallback));
        return settings.TlsOrOff.Enabled ? bootstrap.And(ClusterTlsSetup.Create(settings.TlsOrOff)) : ActorSystemSetup.Create(bootstrap);
    }
}
