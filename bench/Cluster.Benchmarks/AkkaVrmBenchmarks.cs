using System.Globalization;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Cluster.Controller.Serialization;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Benchmarks;

/// <summary>
/// Suite <c>akka vrm</c>: the real <see cref="VrmActor"/> on Akka.Persistence.Sql (SQLite file, WAL).
/// Recovery: a journal of 100 k inventory events without a snapshot, and an inventory of 10 k VMs with its snapshot,
/// timed from the actor's creation to its first answer. Heartbeats: four host actor systems over Akka.Remote on
/// loopback register 1,000 hosts with 4 running VMs each and heartbeat into the VRM; counted is what the VRM handled.
/// </summary>
public static class AkkaVrmBenchmarks
{
    private const int Hosts = 100;
    private const int VmsPerHost = 100;
    private const int RecoveryEvents = 100_000;
    private const int HeartbeatHosts = 1_000;
    private const int HeartbeatVmsPerHost = 4;
    private const int HostSystems = 4;
    private const int WarmUpHeartbeats = 200_000;
    private const int MeasuredHeartbeats = 1_000_000;
    private const int Chunk = 2_000;
    private const int InFlight = 40_000;

    public static async Task RunAsync(Action<string, double, string> report, string? part)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (part is null or "recovery")
        {
            report("vrm.recovery_100k_events_ms", await RecoveryAsync(InventoryWorkload.Events(Hosts, VmsPerHost, RecoveryEvents), withSnapshot: false), "ms");
            report("vrm.recovery_10k_vms_ms", await RecoveryAsync(InventoryWorkload.Events(Hosts, VmsPerHost), withSnapshot: true), "ms");
        }

        if (part is null or "heartbeats")
        {
            report("vrm.heartbeats_per_s", await HeartbeatsAsync(), "heartbeats/s");
        }

        if (part is null or "otel")
        {
            await TelemetryOverheadAsync(report);
        }
    }

    /// <summary>
    /// The heartbeat figure with OpenTelemetry off and on, alternating in one sitting (off, on, off, on, off, on), so
    /// load from elsewhere falls on both alike. On: a tracer provider on every Cluster.* source and a meter provider on
    /// every Cluster.* meter plus the runtime's, collected every second as a Prometheus scrape would (the gauges' callbacks
    /// read the VRM's published view). The overhead is the drop of the mean rate with telemetry on.
    /// </summary>
    private static async Task TelemetryOverheadAsync(Action<string, double, string> report)
    {
        const int Rounds = 3;
        var off = new List<double>();
        var on = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            off.Add(await HeartbeatsAsync());
            using var telemetry = BenchTelemetry.Start();
            on.Add(await HeartbeatsAsync());
            telemetry.Stop();
        }

        report("otel.heartbeats_per_s_off", off.Average(), "heartbeats/s");
        report("otel.heartbeats_per_s_on", on.Average(), "heartbeats/s");
        report("otel.heartbeats_overhead_pct", (off.Average() - on.Average()) / off.Average() * 100, "%");
        Console.Error.WriteLine($"otel rounds: off {string.Join(" / ", off.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}, on {string.Join(" / ", on.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}");
    }

    private static async Task<double> RecoveryAsync(IEnumerable<IInventoryEvent> events, bool withSnapshot)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cluster-vrm-bench-{Guid.NewGuid():N}.db");
        try
        {
            using (var writing = ActorSystem.Create("bench", SqlPersistenceConfig.Sqlite(path).ToActorSystemSetup(Quiet)))
            {
                var writer = writing.ActorOf(Props.Create(() => new JournalWriter()));
                await writer.Ask<Written>(new Write([.. events], withSnapshot), TimeSpan.FromMinutes(5));
                await writing.Terminate();
            }

            using var system = ActorSystem.Create("bench", SqlPersistenceConfig.Sqlite(path).ToActorSystemSetup(Quiet));
            var started = Stopwatch.GetTimestamp();
            var vrm = system.ActorOf(VrmProps(), "vrm");
            var status = await vrm.Ask<ClusterStatus>(new GetClusterStatus(), TimeSpan.FromMinutes(2));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (status.Hosts.Count != Hosts || status.Vms.Count != Hosts * VmsPerHost)
            {
                throw new InvalidOperationException($"recovered {status.Hosts.Count} hosts and {status.Vms.Count} VMs, expected {Hosts} and {Hosts * VmsPerHost}");
            }

            await system.Terminate();
            return elapsed;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<double> HeartbeatsAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cluster-vrm-bench-{Guid.NewGuid():N}.db");
        var remote = ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """).WithFallback(Quiet);
        using var controller = ActorSystem.Create("bench", SqlPersistenceConfig.Sqlite(path).ToActorSystemSetup(remote));
        var hostSystems = Enumerable.Range(0, HostSystems).Select(_ => ActorSystem.Create("bench", remote)).ToList();
        try
        {
            var writer = controller.ActorOf(Props.Create(() => new JournalWriter()));
            await writer.Ask<Written>(new Write([.. InventoryWorkload.Events(HeartbeatHosts, HeartbeatVmsPerHost)], false), TimeSpan.FromMinutes(5));
            controller.Stop(writer);
            var vrm = controller.ActorOf(VrmProps(), "vrm");
            await vrm.Ask<ClusterStatus>(new GetClusterStatus(), TimeSpan.FromMinutes(1));

            var address = ((ExtendedActorSystem)controller).Provider.DefaultAddress;
            var fleets = new List<IActorRef>();
            for (var s = 0; s < HostSystems; s++)
            {
                var remoteVrm = await hostSystems[s].ActorSelection($"{address}/user/vrm").ResolveOne(TimeSpan.FromSeconds(30));
                var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var first = s * (HeartbeatHosts / HostSystems);
                fleets.Add(hostSystems[s].ActorOf(Props.Create(() => new HostFleet(remoteVrm, first, HeartbeatHosts / HostSystems, HeartbeatVmsPerHost, registered))));
                await registered.Task.WaitAsync(TimeSpan.FromMinutes(1));
            }

            await PushAsync(vrm, fleets, WarmUpHeartbeats);
            var started = Stopwatch.GetTimestamp();
            await PushAsync(vrm, fleets, MeasuredHeartbeats);
            return MeasuredHeartbeats / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            await Task.WhenAll(hostSystems.Select(h => h.Terminate()));
            await controller.Terminate();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Has the fleets send <paramref name="heartbeats"/> between them and returns once the VRM has handled them all.</summary>
    private static async Task PushAsync(IActorRef vrm, List<IActorRef> fleets, int heartbeats)
    {
        var start = await CountAsync(vrm);
        var target = start + heartbeats;
        var sent = start;
        var handled = start;
        var next = 0;
        while (handled < target)
        {
            if (sent < target && sent - handled + Chunk <= InFlight)
            {
                var chunk = (int)Math.Min(Chunk, target - sent);
                fleets[next++ % fleets.Count].Tell(new HostFleet.Send(chunk));
                sent += chunk;
                continue;
            }

            handled = await CountAsync(vrm);
            if (sent - handled + Chunk > InFlight)
            {
                await Task.Delay(1);
            }
        }
    }

    private static async Task<long> CountAsync(IActorRef vrm) =>
        (await vrm.Ask<HeartbeatCount>(new GetHeartbeatCount(), TimeSpan.FromSeconds(30))).Count;

    private static Config Quiet { get; } = ConfigurationFactory.ParseString("akka.loglevel = WARNING")
        .WithFallback(ControllerSerializationConfig.Hocon)
        .WithFallback(ClusterSerializationConfig.Hocon);

    private static Props VrmProps() =>
        VrmActor.Props(new VrmSettings { SnapshotEvery = int.MaxValue }, NullLogger.Instance, null, _ => new VrmTenure(1, "bench"));

    private sealed record Write(IReadOnlyList<IInventoryEvent> Events, bool Snapshot);

    private sealed record Written;

    /// <summary>Writes a VRM journal as the VRM would have: its persistence id, in batches, optionally its snapshot last.</summary>
    private sealed class JournalWriter : ReceivePersistentActor
    {
        private IActorRef _requester = ActorRefs.Nobody;

        public JournalWriter()
        {
            RecoverAny(_ => { });
            Command<Write>(write =>
            {
                _requester = Sender;
                var batches = write.Events.Chunk(1_000).ToList();
                var inventory = new Inventory();
                for (var b = 0; b < batches.Count; b++)
                {
                    var last = b == batches.Count - 1;
                    PersistAll(batches[b], e =>
                    {
                        inventory.Apply(e);
                        if (last && ReferenceEquals(e, batches[^1][^1]))
                        {
                            if (write.Snapshot)
                            {
                                SaveSnapshot(inventory.ToSnapshotRecord());
                            }
                            else
                            {
                                _requester.Tell(new Written());
                            }
                        }
                    });
                }
            });
            Command<SaveSnapshotSuccess>(_ => _requester.Tell(new Written()));
            Command<SaveSnapshotFailure>(f => _requester.Tell(new Status.Failure(f.Cause)));
        }

        public override string PersistenceId => VrmActor.PersistenceIdValue;
    }

    /// <summary>Stands in for a quarter of the hosts: registers them, then heartbeats round-robin on request.</summary>
    private sealed class HostFleet : ReceiveActor
    {
        public HostFleet(IActorRef vrm, int first, int count, int vmsPerHost, TaskCompletionSource registered)
        {
            var hosts = Enumerable.Range(first, count).Select(InventoryWorkload.Host).ToArray();
            var vms = Enumerable.Range(first, count).Select(h => InventoryWorkload.RunningVms(h, vmsPerHost)).ToArray();
            var accepted = 0;
            long seq = 0;
            for (var h = 0; h < count; h++)
            {
                vrm.Tell(InventoryWorkload.Register(first + h), Self);
            }

            Receive<HostRegistrationAccepted>(_ =>
            {
                if (++accepted == count)
                {
                    registered.TrySetResult();
                }
            });
            Receive<Send>(send =>
            {
                for (var i = 0; i < send.Heartbeats; i++)
                {
                    var h = (int)(seq % count);
                    vrm.Tell(new Heartbeat(hosts[h], ++seq, 1_000, 2_048, vms[h]), Self);
                }
            });
            ReceiveAny(_ => { });
        }

        public sealed record Send(int Heartbeats);
    }
}
