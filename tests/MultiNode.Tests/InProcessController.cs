using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Cluster.Controller.Admin;
using Cluster.Controller.Hosting;
using Cluster.Hosting.Akka;
using Settings = Cluster.Hosting.Configuration.Settings;
using Cluster.Persistence.StorageLeases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// A controller as the controller process composes it (Akka.Hosting with <see cref="ControllerAkka.AddController"/>,
/// options parsed from command-line arguments, the datastore seeder), in this test process. The admin API's HTTP layer
/// is left out: <see cref="Vrm"/> is the client it uses, through this node's singleton proxy.
/// </summary>
public sealed class InProcessController : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _seeding;

    private InProcessController(string name, int port, IHost host, ActorSystem system, IActorRef proxy, ControllerOptions options, ILogger log)
    {
        Name = name;
        Port = port;
        _host = host;
        System = system;
        Vrm = new AkkaVrmClient(proxy);
        _seeding = new DatastoreSeeder(proxy, options.Datastores, TimeProvider.System, log).RunAsync(_stop.Token);
    }

    public string Name { get; }

    public int Port { get; }

    public ActorSystem System { get; }

    public IVrmClient Vrm { get; }

    public Akka.Cluster.Cluster Member => Akka.Cluster.Cluster.Get(System);

    public static async Task<InProcessController> StartAsync(string name, int port, string dataDir, string storageLeases, Config overrides, TestLog log)
    {
        var options = ControllerOptions.From(Settings.Load(
            ControllerOptions.Specs,
            ["--node-id", name, "--listen", $"127.0.0.1:{port}", "--no-tls", "--data-dir", dataDir, "--storage-leases", storageLeases, "--datastore", "ds-1", "--admin-urls", "http://127.0.0.1:1"],
            _ => null,
            null));
        var loggers = log.For(name);
        var leases = new DirectoryStorageLeaseStore(storageLeases, TimeProvider.System);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddAkka(ClusterNodeSettings.SystemName, akka => akka
            .AddController(options, leases, loggers)
            .AddHocon(overrides, HoconAddMode.Prepend));
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var proxy = await host.Services.GetRequiredService<IRequiredActor<VrmProxyKey>>().GetAsync().ConfigureAwait(false);
        return new InProcessController(name, port, host, host.Services.GetRequiredService<ActorSystem>(), proxy, options, loggers.CreateLogger("Cluster.Controller"));
    }

    /// <summary>As kill -9: the system stops at once, without leaving the cluster or releasing its leases.</summary>
    public void Kill() => ((ExtendedActorSystem)System).Abort();

    /// <summary>Whether the VRM singleton runs on this node now.</summary>
    public async Task<bool> RunsVrmAsync()
    {
        var identity = await System.ActorSelection($"{Runtime.Cluster.VrmSingleton.ManagerPath}/{Runtime.Cluster.VrmSingleton.SingletonName}")
            .Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        return identity.Subject is not null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _seeding.ConfigureAwait(false);
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
        _stop.Dispose();
    }
}
