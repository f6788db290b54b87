using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using LinqToDB;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// Akka.Persistence.Sql set up for the controller database: the HOCON (journal, snapshot store and read journal on one
/// database, our table names, our serializer bound) and, where the engine needs per-connection settings, the linq2db
/// options that carry them, handed to the plugin as a <see cref="DataOptionsSetup"/>. Both must reach the actor system.
/// </summary>
public sealed record SqlPersistence(Config Hocon, DataOptions? ConnectionOptions)
{
    /// <summary>What the plugin reads from the actor system's setups; null when the HOCON alone is enough.</summary>
    public Setup? DataOptionsSetup => ConnectionOptions is null ? null : new DataOptionsSetup(ConnectionOptions);

    /// <summary>For a plain ActorSystem or a TestKit: the HOCON over <paramref name="baseConfig"/>, plus the setup.</summary>
    public ActorSystemSetup ToActorSystemSetup(Config baseConfig)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        var bootstrap = BootstrapSetup.Create().WithConfig(Hocon.WithFallback(baseConfig));
        return DataOptionsSetup is { } setup ? bootstrap.And(setup) : ActorSystemSetup.Create(bootstrap);
    }
}
