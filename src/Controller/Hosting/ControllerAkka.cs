using Akka.Hosting;
using Cluster.Controller.Serialization;
using Cluster.Controller.Vrm;
using Cluster.Persistence.StorageLeases;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Logs;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Serialization;
using Microsoft.Data.Sqlite;

namespace Cluster.Controller.Hosting;

/// <summary>
/// The controller's actor system on Akka.Hosting: cluster formation (role controller) with the SQL lease block, our
/// serializer, Akka.Persistence.Sql on the controller database (warmed up at start, so a standby's VRM recovers
/// without starting it), the VRM singleton manager (use-lease) and proxy, and the broker through which host nodes take
/// the split-brain lease.
/// </summary>
public static class ControllerAkka
{
    public static AkkaConfigurationBuilder AddController(this AkkaConfigurationBuilder builder, ControllerOptions options, IStorageLeaseStore storageLeases, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var vrmLog = loggerFactory.CreateLogger("Cluster.Controller.Vrm");
        return builder
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<AkkaLogForwarder>();
            })
            .AddClusterFormation(options.Formation, LeaseBlock(options))
            .AddClusterWireSerializer()
            .AddControllerSerializer()
            .AddSqlPersistence(Persistence(options))
            .AddHocon(VrmSingleton.Hocon, HoconAddMode.Prepend)
            .WithActors((system, registry) =>
            {
                VrmSingleton.StartManager(system, VrmActor.Props(options.Vrm, vrmLog, storageLeases));

                // Host nodes that lead a side of a partition take the split-brain lease row through this.
                system.ActorOf(SplitBrainLeaseBroker.Props(), SplitBrainLeaseBroker.Name);
                registry.Register<VrmProxyKey>(VrmSingleton.StartProxy(system));
                system.ActorOf(JournalWarmUp.Props(), "journal-warm-up");
            });
    }

    /// <summary>The singleton's lease row lives in the controller database, beside the journal.</summary>
    public static Akka.Configuration.Config LeaseBlock(ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DatabaseKind == "sqlite"
            ? SqlLeaseConfig.Sqlite(new SqliteConnectionStringBuilder { DataSource = options.DatabaseTarget }.ToString())
            : SqlLeaseConfig.Postgres(options.DatabaseTarget, options.PostgresSchema);
    }

    private static SqlPersistence Persistence(ControllerOptions options) =>
        options.DatabaseKind == "sqlite"
            ? SqlPersistenceConfig.Sqlite(options.DatabaseTarget)
            : SqlPersistenceConfig.Postgres(options.DatabaseTarget, options.PostgresSchema);
}
