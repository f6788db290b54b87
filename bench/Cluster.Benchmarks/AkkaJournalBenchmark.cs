using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Cluster.Benchmarks;

/// <summary>
/// Suite <c>akka</c>: events persisted per second by one Akka persistent actor on Akka.Persistence.Sql (SQLite with
/// WAL + synchronous=NORMAL, and PostgreSQL), under a stream of commands of <see cref="EventsPerStep"/> events each,
/// <see cref="InFlight"/> commands outstanding. Two figures per engine: PersistAll per step (the actor waits for each
/// write), and PersistAllAsync (steps arriving during a write are committed together).
/// </summary>
public static class AkkaJournalBenchmark
{
    private const int EventsPerStep = 10;
    private const int InFlight = 64;
    private const int WarmupSteps = 300;
    private const int MeasuredSteps = 3_000;

    public static async Task RunAsync(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dir = Directory.CreateTempSubdirectory("cluster-akka-journal-bench-");
        try
        {
            var sqlite = SqlPersistenceConfig.Sqlite(Path.Combine(dir.FullName, "cluster.db"));
            await MeasureBothAsync(sqlite, "sqlite", report);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }

        if (VrmBenchmarks.PostgresConnectionString("journal.akka.postgres.*") is { } connectionString)
        {
            var schema = "bench_akka_" + Guid.NewGuid().ToString("N");
            try
            {
                await PostgresDdl.CreateSchemaIfMissingAsync(connectionString, schema);
                await MeasureBothAsync(SqlPersistenceConfig.Postgres(connectionString, schema), "postgres", report);
            }
            finally
            {
                await JournalBenchmark.DropSchemaAsync(connectionString, schema);
            }
        }
    }

    private static async Task MeasureBothAsync(SqlPersistence persistence, string engine, Action<string, double, string> report)
    {
        var system = ActorSystem.Create("akka-journal-bench", persistence.ToActorSystemSetup(ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        try
        {
            report($"journal.akka.{engine}.events_per_s", await MeasureAsync(system, "step", groupSteps: false), "events/s");
            report($"journal.akka.{engine}.grouped_events_per_s", await MeasureAsync(system, "grouped", groupSteps: true), "events/s");
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<double> MeasureAsync(ActorSystem system, string persistenceId, bool groupSteps)
    {
        var writer = system.ActorOf(Props.Create(() => new AkkaStepWriter(persistenceId, groupSteps)));
        await DriveAsync(writer, 0, WarmupSteps);
        var clock = Stopwatch.StartNew();
        await DriveAsync(writer, WarmupSteps, MeasuredSteps);
        clock.Stop();
        await writer.GracefulStop(TimeSpan.FromSeconds(30));
        return MeasuredSteps * EventsPerStep / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Keeps <see cref="InFlight"/> steps outstanding until <paramref name="steps"/> have been acknowledged.</summary>
    private static async Task DriveAsync(IActorRef writer, long first, int steps)
    {
        var timeout = TimeSpan.FromMinutes(2);
        var pending = new List<Task>(InFlight);
        for (var n = first; n < first + steps; n++)
        {
            if (pending.Count == InFlight)
            {
                pending.Remove(await Task.WhenAny(pending));
            }

            pending.Add(writer.Ask<long>(new AkkaStepWriter.Step(n, EventsPerStep), timeout));
        }

        await Task.WhenAll(pending);
    }
}
