using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Cluster.Actors;
using Cluster.Controller.Admin;
using Cluster.Messages;
using Cluster.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.Controller.Tests.Admin;

/// <summary>The admin API on a real Kestrel at 127.0.0.1:0, with a <see cref="FakeVrm"/> and an in-memory journal.</summary>
internal sealed class AdminApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ActorSystem _system;

    private AdminApiHost(WebApplication app, ActorSystem system, InMemoryJournal journal, ConcurrentQueue<object> received, HttpClient client)
    {
        _app = app;
        _system = system;
        Journal = journal;
        Received = received;
        Client = client;
    }

    public HttpClient Client { get; }

    public InMemoryJournal Journal { get; }

    /// <summary>What the fake VRM was asked, in order.</summary>
    public ConcurrentQueue<object> Received { get; }

    public static JsonEventSerializer Serializer { get; } = new JsonEventSerializer(ClusterMessagesJsonContext.Default.Options)
        .Register<VmCreated>("inv.vm-created.v1")
        .Register<HostStateChanged>("inv.host-state-changed.v1");

    public static async Task<AdminApiHost> StartAsync(Func<object, object?> respond, AdminApiOptions? options = null, bool vrmRunning = true)
    {
        var system = ActorSystem.Create(new ActorSystemOptions());
        var received = new ConcurrentQueue<object>();
        var vrm = system.ActorOf(FakeVrm.Props(respond, received), "vrm");
        var journal = new InMemoryJournal(TimeProvider.System);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        new AdminApi(system, () => vrmRunning ? vrm : null, journal, Serializer, options).Map(app);
        await app.StartAsync();

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new AdminApiHost(app, system, journal, received, client);
    }

    public void UseToken(string token) => Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    public async Task AppendAsync(string persistenceId, long sequenceNr, object @event)
    {
        var (manifest, payload) = Serializer.Serialize(@event);
        await Journal.WriteAsync([new AtomicWrite(persistenceId, [new JournalEvent(sequenceNr, manifest, payload)])]);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await _system.DisposeAsync();
    }
}
