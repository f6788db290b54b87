using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cluster.Benchmarks;

/// <summary>
/// Suites <c>journal</c> and <c>akka journal</c>: events persisted per second by ONE persistent decider actor (<see cref="JournalDeciderActor"/>,
/// built from the Runtime.Deciders shell) under a stream of commands, on SQLite (a data file, WAL) and PostgreSQL.
/// Headline <c>journal.&lt;engine&gt;.events_per_s</c>: 1 event per command, pipelined writes (the shell's chosen mode);
/// beside it 3 and 10 events per step (10 is the akka suite's step), and PersistAll (one write at a time) for the comparison that chose the mode.
/// <see cref="Window"/> commands are outstanding at any time, as when many hosts report to the VRM at once: the actor
/// has one journal write in flight, and every command arriving during it joins the next write.
/// </summary>
public static class DeciderJournalBenchmark
{
    private const int Window = 1024;
    private const int WarmupEvents = 3_000;
    private const int MeasuredEvents = 30_000;

    public static async Task RunAsync(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dir = Directory.CreateTempSubdirectory("cluster-decider-journal-bench-");
        try
        {
            await MeasureEngineAsync(SqlPersistenceConfig.Sqlite(Path.Combine(dir.FullName, "cluster.db")), "sqlite", report);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }

        if (VrmBenchmarks.PostgresConnectionString("journal.postgres.*") is { } connectionString)
        {
            var schema = "bench_decider_" + Guid.NewGuid().ToString("N");
            try
            {
                await PostgresDdl.CreateSchemaIfMissingAsync(connectionString, schema);
                await MeasureEngineAsync(SqlPersistenceConfig.Postgres(connectionString, schema), "postgres", report);
            }
            finally
            {
                await DropSchemaAsync(connectionString, schema);
            }
        }
    }

    private static async Task MeasureEngineAsync(SqlPersistence persistence, string engine, Action<string, double, string> report)
    {
        var system = ActorSystem.Create("decider-journal-bench", persistence.ToActorSystemSetup(ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        try
        {
            report($"journal.{engine}.events_per_s", await MeasureAsync(system, "pipelined-1", pipelined: true, eventsPerCommand: 1), "events/s");
            report($"journal.{engine}.events_per_s_3_per_step", await MeasureAsync(system, "pipelined-3", pipelined: true, eventsPerCommand: 3), "events/s");
            report($"journal.{engine}.events_per_s_10_per_step", await MeasureAsync(system, "pipelined-10", pipelined: true, eventsPerCommand: 10), "events/s");
            report($"journal.{engine}.persistall_events_per_s", await MeasureAsync(system, "persistall-1", pipelined: false, eventsPerCommand: 1), "events/s");
            report($"journal.{engine}.persistall_events_per_s_3_per_step", await MeasureAsync(system, "persistall-3", pipelined: false, eventsPerCommand: 3), "events/s");
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<double> MeasureAsync(ActorSystem system, string persistenceId, bool pipelined, int eventsPerCommand)
    {
        var actor = system.ActorOf(Props.Create(() => new JournalDeciderActor(persistenceId, pipelined)));
        // One write per step is two orders slower on PostgreSQL; a fifth of the events keeps the suite short.
        var scale = pipelined ? 1 : 5;
        var warmup = WarmupEvents / scale / eventsPerCommand;
        var measured = MeasuredEvents / scale / eventsPerCommand;
        await StreamAsync(system, actor, 0, warmup, eventsPerCommand);
        var clock = Stopwatch.StartNew();
        await StreamAsync(system, actor, warmup, measured, eventsPerCommand);
        clock.Stop();
        await actor.GracefulStop(TimeSpan.FromSeconds(30));
        return measured * eventsPerCommand / clock.Elapsed.TotalSeconds;
    }

    private static async Task StreamAsync(ActorSystem system, IActorRef actor, long first, int commands, int eventsPerCommand)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(JournalCommandStream.Props(actor, first, commands, Window, eventsPerCommand, done));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(3));
    }

    private static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
