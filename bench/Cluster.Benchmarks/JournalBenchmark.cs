using System.Diagnostics;
using Cluster.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cluster.Benchmarks;

/// <summary>
/// Journal throughput under group commit: many persistent "actors", each awaiting its previous event before
/// writing the next (as an event-sourced actor does), all through one <see cref="BatchingJournal"/>.
/// Reports total events / wall seconds.
/// </summary>
public static class JournalBenchmark
{
    private const int Writers = 200;
    private const int EventsPerWriter = 300;
    private const int WarmupEventsPerWriter = 20;
    private static readonly byte[] Payload = new byte[100];

    public static async Task RunAsync(string? postgresConnectionString, Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dir = Directory.CreateTempSubdirectory("cluster-journal-bench-");
        try
        {
            await using var sqlite = await SqliteBackend.OpenAsync(Path.Combine(dir.FullName, "journal.db"));
            report("journal.sqlite.events_per_s", await MeasureAsync(new SqlJournal(sqlite, TimeProvider.System)), "events/s");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }

        if (!string.IsNullOrEmpty(postgresConnectionString))
        {
            var schema = "bench_" + Guid.NewGuid().ToString("N");
            try
            {
                await using var postgres = await PostgresBackend.OpenAsync(postgresConnectionString, schema);
                report("journal.postgres.events_per_s", await MeasureAsync(new SqlJournal(postgres, TimeProvider.System)), "events/s");
            }
            finally
            {
                await DropSchemaAsync(postgresConnectionString, schema);
            }
        }
    }

    private static async Task<double> MeasureAsync(IJournal journal)
    {
        await using var batching = new BatchingJournal(journal);
        await RunWritersAsync(batching, "warmup", WarmupEventsPerWriter);
        var clock = Stopwatch.StartNew();
        await RunWritersAsync(batching, "actor", EventsPerWriter);
        clock.Stop();
        return Writers * EventsPerWriter / clock.Elapsed.TotalSeconds;
    }

    private static Task RunWritersAsync(BatchingJournal journal, string prefix, int eventsEach) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var persistenceId = $"{prefix}-{w}";
            for (var seq = 1; seq <= eventsEach; seq++)
            {
                await journal.WriteAsync(new AtomicWrite(persistenceId, [new JournalEvent(seq, "BenchEvent.v1", Payload)], "bench"));
            }
        })));

    internal static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
