using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cluster.Shell.Tests;

/// <summary>One request as the canned server saw it.</summary>
internal sealed record SeenRequest(string Method, string PathAndQuery, string? Authorization, string Body, string? ContentType = null);

/// <summary>
/// A real Kestrel on 127.0.0.1:0 that answers "METHOD /path?query" with canned status and JSON, and
/// records every request: the shell is tested over real HTTP, without a controller behind it.
/// </summary>
internal sealed class CannedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);

    private CannedServer(WebApplication app) => _app = app;

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    /// <summary>Released once per request, so a test waits for the shell's polls without sleeping.</summary>
    public SemaphoreSlim Arrived { get; } = new(0);

    public int Port => new Uri(_app.Urls.First()).Port;

    public static async Task<CannedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new CannedServer(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Answers <paramref name="request"/> ("GET /api/hosts", query included) with the status and JSON.</summary>
    public CannedServer On(string request, int status, string body = "")
    {
        _answers[request] = (status, body);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Arrived.Dispose();
    }

    private async Task AnswerAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var key = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
        Seen.Enqueue(new SeenRequest(http.Request.Method, $"{http.Request.Path}{http.Request.QueryString}", http.Request.Headers.Authorization.FirstOrDefault(), body, http.Request.ContentType));
        Arrived.Release();
        if (!_answers.TryGetValue(key, out var answer))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.StatusCode = answer.Status;
        if (answer.Body.Length > 0)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer.Body);
        }
    }
}
