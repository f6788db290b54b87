using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;

namespace Cluster.Runtime.Persistence;

/// <summary>
/// Akka.Persistence.Sql set up for the controller database: the HOCON (journal, snapshot store and read journal on one
/// database, our table names, our serializer bound) and, where the engine needs per-connection settings, the
/// linq2db <c>DataOptionsSetup</c> that carries them. Both halves must reach the actor system.
/// </summary>
public sealed record SqlPersistence(Config Hocon, Setup? DataOptions)
{
    /// <summary>For a plain ActorSystem or a TestKit: the HOCON over <paramref name="baseConfig"/>, plus the setup.</summary>
    public ActorSystemSetup ToActorSystemSetup(Config baseConfig)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        var bootstrap = BootstrapSetup.Create().WithConfig(Hocon.WithFallback(baseConfig));
        return DataOptions is null ? ActorSystemSetup.Create(bootstrap) : bootstrap.And(DataOptions);
    }
}
