using Cluster.Messages;
using Microsoft.AspNetCore.Http.Features;

namespace Cluster.Controller.Admin;

/// <summary>
/// The admin API's request pipeline, in front of every route (new ones included): refuses requests to a
/// Host that is not this controller (421, DNS rebinding), from a foreign Origin (403), state changes that
/// are not <c>application/json</c> (415, which a cross-site form or <c>text/plain</c> fetch cannot send
/// without a CORS preflight) and bodies over the limit (413); and turns every error the framework answers
/// bare (unknown route 404, wrong method 405, an exception 500) into problem details.
/// </summary>
internal sealed class AdminRequestGuard(AdminApiOptions options, ILogger log)
{
    private readonly AllowedHosts _hosts = new(options.AllowedHostNames);
    private readonly HashSet<string> _origins = new(options.AllowedOrigins.Select(NormalizeOrigin), StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (Refusal(http.Request) is { } refusal)
        {
            await AdminProblems.WriteAsync(http.Response, refusal.Status, refusal.Error.ToString(), [refusal.Error]).ConfigureAwait(false);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxRequestBodyBytes;
        }

        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            // Kestrel's own refusals while the body is read: over the size limit (413), cut short (400).
            await AdminProblems.WriteAsync(http.Response, ex.StatusCode, BodyFailure(ex.StatusCode), [new FieldError("body", BodyFailure(ex.StatusCode))]).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !http.Response.HasStarted)
        {
            log.LogError(ex, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            await AdminProblems.WriteAsync(http.Response, StatusCodes.Status500InternalServerError, "the request failed inside the controller; its log has the details").ConfigureAwait(false);
            return;
        }

        if (http.Response is { StatusCode: >= 400, HasStarted: false, ContentType: null })
        {
            await AdminProblems.WriteAsync(http.Response, http.Response.StatusCode, BareDetail(http)).ConfigureAwait(false);
        }
    }

    private (int Status, FieldError Error)? Refusal(HttpRequest request)
    {
        // Probes (Kubernetes sends the pod IP as Host) reach /healthz, /healthz/live and /healthz/ready; they tell nothing
        // but a status and change nothing.
        if (request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal) && HttpMethods.IsGet(request.Method))
        {
            return null;
        }

        if (!_hosts.Allows(request.Host))
        {
            var shown = request.Host.HasValue ? $"'{request.Host.Value}'" : "a missing Host header";
            return (StatusCodes.Status421MisdirectedRequest, new FieldError("Host", $"{shown} is not a name of this controller; allowed: {_hosts}"));
        }

        if (request.Headers.Origin is { Count: > 0 } origin && !_origins.Contains(NormalizeOrigin(origin.ToString())))
        {
            var allowed = _origins.Count == 0 ? "none is configured (--admin-allowed-origin)" : "allowed: " + string.Join(", ", _origins.Order(StringComparer.Ordinal));
            return (StatusCodes.Status403Forbidden, new FieldError("Origin", $"'{origin}' may not call this API; {allowed}"));
        }

        if (ChangesState(request.Method) && !IsJson(request.ContentType))
        {
            var got = string.IsNullOrEmpty(request.ContentType) ? "none" : $"'{request.ContentType}'";
            return (StatusCodes.Status415UnsupportedMediaType, new FieldError("Content-Type", $"must be application/json on {request.Method}, even without a body; got {got}"));
        }

        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            return (StatusCodes.Status413PayloadTooLarge, new FieldError("body", $"must be at most {options.MaxRequestBodyBytes} bytes, got {request.ContentLength}"));
        }

        return null;
    }

    private string BodyFailure(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? $"must be at most {options.MaxRequestBodyBytes} bytes"
        : "could not be read to the end";

    private static string BareDetail(HttpContext http) => http.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"no route {http.Request.Method} {http.Request.Path}",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}; allowed: {http.Response.Headers.Allow}",
        var status => $"{http.Request.Method} {http.Request.Path} failed with status {status}",
    };

    private static bool ChangesState(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static string NormalizeOrigin(string origin) => origin.Trim().TrimEnd('/');
}
