using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Cluster.Controller.Admin;
using Cluster.Messages;
using Cluster.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Controller.Tests.Admin;

/// <summary>The admin API on a real Kestrel at 127.0.0.1:0, with a <see cref="ScriptedVrm"/> and an in-memory event feed.</summary>
internal sealed class AdminApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminApiHost(WebApplication app, ListEventFeed events, ConcurrentQueue<object> received, HttpClient client)
    {
        _app = app;
        Events = events;
        Received = received;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>What /api/events serves.</summary>
    public ListEventFeed Events { get; }

    /// <summary>What the fake VRM was asked, in order.</summary>
    public ConcurrentQueue<object> Received { get; }


    /// <param name="respond">The fake VRM's answer to each question.</param>
    /// <param name="options">The API's options; defaults when null.</param>
    /// <param name="vrmRunning">False: no VRM can be asked from here (the client throws VrmUnavailableException).</param>
    /// <param name="cluster">Akka.Cluster membership; null is a controller not on Akka.Cluster.</param>
    public static async Task<AdminApiHost> StartAsync(Func<object, object?> respond, AdminApiOptions? options = null, bool vrmRunning = true, IClusterAdmin? cluster = null)
    {
        var vrm = new ScriptedVrm(respond, vrmRunning);
        var events = new ListEventFeed();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (options?.ServesMetrics == true)
        {
            builder.Services.AddClusterTelemetry("cluster-controller", "admin-api-test", prometheus: true);
        }

        var app = builder.Build();
        new AdminApi(vrm, events, NullLoggerFactory.Instance, options, cluster).Map(app);
        await app.StartAsync();

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new AdminApiHost(app, events, vrm.Received, client);
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

    public Task AppendAsync(string persistenceId, long sequenceNr, IWireMessage @event)
    {
        Events.Append(persistenceId, sequenceNr, @event);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
