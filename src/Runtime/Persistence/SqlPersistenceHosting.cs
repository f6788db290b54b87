using Akka.Hosting;

namespace Cluster.Runtime.Persistence;

/// <summary>Akka.Hosting registration of <see cref="SqlPersistence"/>.</summary>
public static class SqlPersistenceHosting
{
    public static AkkaConfigurationBuilder AddSqlPersistence(this AkkaConfigurationBuilder builder, SqlPersistence persistence)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(persistence);
        builder.AddHocon(persistence.Hocon, HoconAddMode.Prepend);
        return persistence.DataOptionsSetup is { } setup ? builder.AddSetup(setup) : builder;
    }
}
