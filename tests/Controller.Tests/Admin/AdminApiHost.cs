using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Cluster.Controller.Admin;
using Cluster.Controller.Hosting;
using Cluster.Messages;
using Cluster.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Controller.Tests.Admin;

/// <summary>The admin API on a real Kestrel at 127.0.0.1:0, with a <see cref="ScriptedVrm"/> and an in-memory journal.</summary>
internal sealed class AdminApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminApiHost(WebApplication app, InMemoryJournal journal, ConcurrentQueue<object> received, HttpClient client)
    {
        _app = app;
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

    /// <param name="respond">The fake VRM's answer to each question.</param>
    /// <param name="options">The API's options; defaults when null.</param>
    /// <param name="vrmRunning">False: no VRM can be asked from here (the client throws VrmUnavailableException).</param>
    /// <param name="cluster">Akka.Cluster membership; null is a controller not on Akka.Cluster.</param>
    public static async Task<AdminApiHost> StartAsync(Func<object, object?> respond, AdminApiOptions? options = null, bool vrmRunning = true, IClusterAdmin? cluster = null)
    {
        var vrm = new ScriptedVrm(respond, vrmRunning);
        var journal = new InMemoryJournal(TimeProvider.System);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var feed = new JournalEventFeed(journal, Serializer, NullLogger.Instance);
        new AdminApi(vrm, feed, NullLoggerFactory.Instance, options, cluster).Map(app);
        await app.StartAsync();

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new AdminApiHost(app, journal, vrm.Received, client);
    }

    /// <summary>POSTs <paramref name="json"/> (empty by default) as application/json, as the API requires of every state change.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json = "") => SendAsync(HttpMethod.Post, path, json);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, string.Empty);

    /// <summary>Sends a request with the given body as application/json and any extra headers (Host, Origin).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await Client.SendAsync(request);
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
    }
}
