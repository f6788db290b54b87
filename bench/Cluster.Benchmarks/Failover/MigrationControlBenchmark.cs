using System.Net.Http.Json;
using Cluster.Messages;

namespace Cluster.Benchmarks.Failover;

/// <summary>
/// Part of suite <c>migration</c>: <c>migration.control_overhead_ms</c>, what the control plane adds before a live
/// migration's memory starts to move, between real processes (a controller and two host nodes, the Release builds,
/// --no-tls, loopback). From the admin API's <c>POST /api/vms/{id}/migrate</c> until the VRM sends the source its
/// <c>StartMigration</c>: admission, the journal writes, the target preparing the incoming VM and answering with its
/// address. The end is the journal's timestamp of the phase change to TargetPrepared, the step whose messages, sent
/// right after that write, include the StartMigration (same machine, same clock). One VM of 1 GB moved back and forth,
/// each move waited to its end; the median of <see cref="Runs"/>.
/// </summary>
public static class MigrationControlBenchmark
{
    public const int Runs = 20;

    public static async Task RunAsync(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dir = Directory.CreateTempSubdirectory("cluster-migration-bench-").FullName;
        var seedPort = BenchController.FreePort();
        var nodes = new List<BenchController>();
        try
        {
            var controller = BenchController.Start("ctrl-a", dir, seedPort, seedPort);
            nodes.Add(controller);
            using var first = BenchController.StartHost("h-1", dir, seedPort);
            using var second = BenchController.StartHost("h-2", dir, seedPort);
            await SingletonFailoverBenchmark.WaitAsync("2 Normal hosts", async () =>
                await controller.GetAsync("api/hosts", ClusterMessagesJsonContext.Default.IReadOnlyListHostView) is { Count: 2 } hosts && hosts.All(h => h.State == HostState.Normal) ? hosts : null, nodes);
            var vm = await SingletonFailoverBenchmark.WaitAsync("the VM created", () => controller.CreateVmAsync(new CreateVmRequest("moved", 1, 1_024, [new VmDisk(new DatastoreId("ds-1"), 10)])), nodes);
            using (await controller.Admin.PostAsync(new Uri($"api/vms/{vm.VmId}/start", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            {
            }

            var times = new List<double>();
            for (var run = 1; run <= Runs; run++)
            {
                var ms = await MigrateOnceAsync(controller, vm.VmId, nodes);
                times.Add(ms);
                await Console.Error.WriteLineAsync(FormattableString.Invariant($"migration.control_overhead_ms run {run}/{Runs}: {ms:0.0} ms (load {SingletonFailoverBenchmark.LoadAverage()})"));
            }

            report("migration.control_overhead_ms", SingletonFailoverBenchmark.Median(times), "ms");
        }
        finally
        {
            nodes.ForEach(n => n.Dispose());
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> MigrateOnceAsync(BenchController controller, VmId vm, List<BenchController> nodes)
    {
        await SingletonFailoverBenchmark.WaitAsync("the VM Running", async () =>
            await controller.GetAsync($"api/vms/{vm}", ClusterMessagesJsonContext.Default.VmView) is { PowerState: VmPowerState.Running } running ? running : null, nodes);
        var asked = TimeProvider.System.GetUtcNow();
        using var response = await controller.Admin.PostAsJsonAsync(new Uri($"api/vms/{vm}/migrate", UriKind.Relative), new MigrateVmRequest(), ClusterMessagesJsonContext.Default.MigrateVmRequest);
        var admitted = response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.MigrationView))!
            : throw new InvalidOperationException($"migrate answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var ended = await SingletonFailoverBenchmark.WaitAsync($"{admitted.MigrationId} ended", async () =>
            await controller.GetAsync($"api/migrations/{admitted.MigrationId}", ClusterMessagesJsonContext.Default.MigrationView) is { Phase: MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed } m ? m : null, nodes);
        if (ended.Phase != MigrationPhase.Completed)
        {
            throw new InvalidOperationException($"{admitted.MigrationId} ended {ended.Phase}: {ended.LastChange}");
        }

        var rows = await controller.GetAsync("api/events?last=200", ClusterMessagesJsonContext.Default.IReadOnlyListJournalEventRow) ?? [];
        var prepared = rows.Single(r => r.Manifest == "migration.phase-changed.v1" && r.Event is { } e
            && e.GetProperty("migrationId").GetString() == admitted.MigrationId.Value && e.GetProperty("to").GetString() == nameof(MigrationPhase.TargetPrepared));
        return (prepared.Created - asked).TotalMilliseconds;
    }
}
