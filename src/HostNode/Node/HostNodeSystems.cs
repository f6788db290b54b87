using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Cluster.Hosting;
using Cluster.Hosting.Akka;
using Cluster.Hosting.Configuration;
using Cluster.Hosting.Health;
using Cluster.Hosting.Telemetry;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hosting;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Logs;
using Cluster.Runtime.Serialization;

namespace Cluster.HostNode.Node;

/// <summary>
/// Runs this host's actor systems one after another, each in its own Generic Host joining through the seeds, until
/// the operator stops the process. When the split-brain resolver downs the node its system ends, the VMs on
/// <see cref="HostMachine"/> keep running, and the next system rejoins and adopts them (<see cref="NodeLifetime"/>
/// paces the attempts).
/// </summary>
public sealed class HostNodeSystems(HostNodeOptions options, HostMachine machine, ILoggerFactory loggers, TimeProvider time)
{
    private readonly ILogger _log = loggers.CreateLogger("Cluster.HostNode");

    /// <summary>
    /// HOCON over the formation's (null: none). Test clusters use it for Akka's throttling transport adapter, which
    /// is how they cut links between in-process nodes.
    /// </summary>
    public Config? Overrides { get; init; }

    /// <summary>The probe listener (--health-listen) that each system's health checks are attached to, if any.</summary>
    public ProbeListener? Probes { get; init; }

    /// <summary>Called with each system once it has started (tests watch the node rejoin through it).</summary>
    public Action<ActorSystem>? SystemStarted { get; init; }

    /// <summary>Returns the process's exit code once <paramref name="stop"/> is cancelled or a system ends for good.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        var lifetime = new NodeLifetime();
        for (var attempt = 1; ; attempt++)
        {
            _log.LogInformation(
                "host {Host} joining the cluster as role host: listen {Listen}, seeds [{Seeds}], TLS {Tls} (system {Attempt})",
                options.HostId,
                $"{options.Formation.Hostname}:{options.Formation.Port}",
                string.Join(", ", options.Formation.Seeds ?? []),
                options.Formation.TlsOrOff.Enabled ? "on" : "off",
                attempt);
            var (reason, lived) = await RunSystemAsync(stop).ConfigureAwait(false);
            if (machine.Exit.Reason is { } refused)
            {
                // One line on stderr and exit code 2: the same --host-id would only be refused again.
                throw new ConfigException("--host-id", refused);
            }

            var decision = lifetime.After(reason, stop.IsCancellationRequested, lived);
            if (!decision.Rejoin)
            {
                _log.LogInformation("host {Host} exits ({Why})", options.HostId, decision.Why);
                return decision.ExitCode;
            }

            _log.LogWarning("host {Host} left the cluster: {Why}; its {Count} running VMs keep running; rejoining in {Pause}", options.HostId, decision.Why, machine.RunningVms, decision.Pause);
            try
            {
                await Task.Delay(decision.Pause, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _log.LogInformation("host {Host} exits (stop requested)", options.HostId);
                return ProcessMain.Ok;
            }
        }
    }

    /// <summary>Runs one actor system until it terminates or the operator stops the process.</summary>
    private async Task<(CoordinatedShutdown.Reason? Reason, TimeSpan Lived)> RunSystemAsync(CancellationToken stop)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>();
        builder.Services.AddHealthChecks();
        builder.Services.AddClusterTelemetry("cluster-host-node", options.HostId.Value, prometheus: false);
        builder.Services.AddAkka(ClusterNodeSettings.SystemName, (akka, services) =>
        {
            akka.ConfigureLoggers(l =>
                {
                    l.ClearLoggers();
                    l.AddLogger<AkkaLogForwarder>();
                })
                .AddClusterWireSerializer()
                .AddHocon(VrmSingleton.Hocon, HoconAddMode.Append)
                .AddClusterFormation(options.Formation, SqlLeaseConfig.HostSide())
                .AddProbeChecks()
                .WithActors((system, _) =>
                {
                    var proxy = VrmSingleton.StartProxy(system);
                    system.ActorOf(CnaActor.Props(machine.Cna, machine.Hypervisor, proxy, machine.Leases, loggers.CreateLogger("Cluster.HostNode.Cna"), machine.Epochs, machine.Exit), "cna");
                });
            if (Overrides is not null)
            {
                akka.AddHocon(Overrides, HoconAddMode.Prepend);
            }
        });
        using var host = builder.Build();
        var startedAt = time.GetTimestamp();
        await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var member = Akka.Cluster.Cluster.Get(system);
        member.RegisterOnMemberUp(() => _log.LogInformation("host {Host} is up in the cluster as {Address}; the CNA heartbeats to the VRM through the singleton proxy", options.HostId, member.SelfAddress));
        Probes?.Attach(host.Services);
        SystemStarted?.Invoke(system);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stop.Register(stopRequested.SetResult).ConfigureAwait(false))
        {
            await Task.WhenAny(system.WhenTerminated, stopRequested.Task).ConfigureAwait(false);
        }

        if (stop.IsCancellationRequested)
        {
            _log.LogInformation("host {Host} stopping: leaving the cluster", options.HostId);
        }

        Probes?.Detach();

        // Runs CoordinatedShutdown (cluster leave) if the system still runs, then disposes it.
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return (CoordinatedShutdown.Get(system).ShutdownReason, time.GetElapsedTime(startedAt));
    }
}
