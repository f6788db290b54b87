using System.Diagnostics;
using Cluster.Actors.Remote.Tcp;
using Cluster.Actors.Remote;
using Cluster.Actors;
using Cluster.Controller.Serialization;
using Cluster.Controller.Vrm;
using Cluster.Hosting;
using Cluster.Messages;
using Cluster.Persistence;

namespace Cluster.Benchmarks;

/// <summary>
/// Heartbeats end to end into a real <see cref="VrmActor"/>: a "controller" actor system hosting the VRM
/// and a "hosts" actor system, both on <see cref="TcpTransport"/> over loopback in this process. The VRM
/// recovers an inventory of 1,000 hosts with 4 running VMs each (an in-memory journal written through the
/// serializer); one fleet actor registers all hosts (waiting for every HostRegistrationAccepted) and then
/// sends heartbeats, each reporting the host's 4 VMs, so every heartbeat is reconciled against the
/// inventory. Counted: heartbeats the VRM handled (its <see cref="GetHeartbeatCount"/> query) over wall
/// seconds, after a warm-up.
/// </summary>
public static class HeartbeatBenchmark
{
    private const int Hosts = 1_000;
    private const int VmsPerHost = 4;
    private const int WarmUpHeartbeats = 300_000;
    private const int MeasuredHeartbeats = 1_500_000;

    // Flow control: the transport drops what overflows its per-peer queue (100,000), so at most this many
    // heartbeats are on their way (fleet mailbox, transport, VRM mailbox) at once.
    private const int Chunk = 5_000;
    private const int InFlight = 40_000;

    public static async Task RunAsync(Action<string, double, string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var journal = new InMemoryJournal(TimeProvider.System);
        var serializer = ControllerSerialization.CreateEventSerializer();
        await InventoryWorkload.WriteAsync(journal, serializer, InventoryWorkload.Events(Hosts, VmsPerHost));
        var persistence = new PersistenceServices(journal, new InMemorySnapshotStore(), serializer, "bench-controller");

        var (controller, _) = await StartNodeAsync("controller");
        await using var controllerSystem = controller;
        var (hosts, hostsTransport) = await StartNodeAsync("hosts");
        await using var hostsSystem = hosts;

        var vrm = controller.ActorOf(VrmActor.Props(persistence, new VrmSettings(), epoch: 1, holder: "bench"), "vrm");
        var remoteVrm = hosts.ResolvePath(new ActorPath(controller.Address, "/user/vrm"));
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fleet = hosts.ActorOf(Props.Create(() => new HostFleet(remoteVrm, Hosts, VmsPerHost, registered)), "fleet");
        await registered.Task.WaitAsync(TimeSpan.FromMinutes(1));

        await PushAsync(controller, vrm, fleet, WarmUpHeartbeats);
        var started = Stopwatch.GetTimestamp();
        await PushAsync(controller, vrm, fleet, MeasuredHeartbeats);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        if (hostsTransport.DroppedEnvelopes > 0)
        {
            throw new InvalidOperationException($"the transport dropped {hostsTransport.DroppedEnvelopes} heartbeats");
        }

        report("vrm.heartbeats_per_s", MeasuredHeartbeats / seconds, "heartbeats/s");
    }

    /// <summary>Has the fleet send <paramref name="heartbeats"/> and returns once the VRM has handled them all.</summary>
    private static async Task PushAsync(ActorSystem controller, ActorRef vrm, ActorRef fleet, int heartbeats)
    {
        var start = await CountAsync(controller, vrm);
        var target = start + heartbeats;
        var sent = start;
        var handled = start;
        while (handled < target)
        {
            if (sent < target && sent - handled + Chunk <= InFlight)
            {
                var chunk = (int)Math.Min(Chunk, target - sent);
                fleet.Tell(new HostFleet.Send(chunk));
                sent += chunk;
                continue;
            }

            handled = await CountAsync(controller, vrm);
            if (sent - handled + Chunk > InFlight)
            {
                await Task.Delay(1);
            }
        }
    }

    private static async Task<long> CountAsync(ActorSystem controller, ActorRef vrm) =>
        (await controller.Ask<HeartbeatCount>(vrm, new GetHeartbeatCount(), TimeSpan.FromSeconds(30))).Count;

    private static async Task<(ActorSystem System, TcpTransport Transport)> StartNodeAsync(string name)
    {
        var transport = new TcpTransport(new TcpTransportOptions { SystemName = name, ClusterSecret = "benchmark", Port = 0 }, ClusterWireRegistry.Create());
        var system = await ActorSystem.CreateAsync(new ActorSystemOptions
        {
            Address = new NodeAddress(name, "127.0.0.1", 0),
            Transport = transport,
        });
        return (system, transport);
    }

    /// <summary>Stands in for every host: registers them all, then sends heartbeats round-robin on request.</summary>
    private sealed class HostFleet : ActorBase
    {
        private readonly ActorRef _vrm;
        private readonly TaskCompletionSource _registered;
        private readonly HostId[] _hosts;
        private readonly IReadOnlyList<VmRuntimeReport>[] _vms;
        private int _accepted;
        private long _seq;

        public HostFleet(ActorRef vrm, int hosts, int vmsPerHost, TaskCompletionSource registered)
        {
            _vrm = vrm;
            _registered = registered;
            _hosts = [.. Enumerable.Range(0, hosts).Select(InventoryWorkload.Host)];
            _vms = [.. Enumerable.Range(0, hosts).Select(h => InventoryWorkload.RunningVms(h, vmsPerHost))];
        }

        protected override void PreStart()
        {
            for (var h = 0; h < _hosts.Length; h++)
            {
                _vrm.Tell(InventoryWorkload.Register(h), Self);
            }
        }

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case HostRegistrationAccepted:
                    if (++_accepted == _hosts.Length)
                    {
                        _registered.TrySetResult();
                    }

                    break;
                case Send send:
                    for (var i = 0; i < send.Heartbeats; i++)
                    {
                        var h = (int)(_seq % _hosts.Length);
                        _vrm.Tell(new Heartbeat(_hosts[h], ++_seq, 1_000, 2_048, _vms[h]), Self);
                    }

                    break;
            }
        }

        public sealed record Send(int Heartbeats);
    }
}
