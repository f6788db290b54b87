using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>
/// The admin API's one way of saying no: an RFC 9457 problem-details body (<c>application/problem+json</c>)
/// whose type and title follow from the status, with the request's own detail and field errors. Routes
/// reach it through <see cref="AdminResults"/>; the request pipeline writes it directly.
/// </summary>
internal static class AdminProblems
{
    /// <summary>The wire context's metadata, writing ' and &lt; as they are: these bodies are read by people (and never embedded in HTML).</summary>
    private static readonly JsonTypeInfo<ProblemResponse> TypeInfo = (JsonTypeInfo<ProblemResponse>)new JsonSerializerOptions(ClusterMessagesJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.GetTypeInfo(typeof(ProblemResponse));

    /// <summary>The problem for <paramref name="status"/> with this request's detail and field errors.</summary>
    public static ProblemResponse For(int status, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var (slug, title) = Kind(status);
        return new ProblemResponse($"urn:cluster:problem:{slug}", title, status, detail, errors ?? []);
    }

    public static IResult Result(int status, string detail, IReadOnlyList<FieldError>? errors = null) =>
        Results.Json(For(status, detail, errors), TypeInfo, ProblemResponse.ContentType, status);

    /// <summary>Writes the problem as the whole response; for the pipeline, where no endpoint result runs.</summary>
    public static async Task WriteAsync(HttpResponse response, int status, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.ContentType = ProblemResponse.ContentType;
        await JsonSerializer.SerializeAsync(response.Body, For(status, detail, errors), TypeInfo, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The type's last part and its title; docs/admin-api.md lists them.</summary>
    private static (string Slug, string Title) Kind(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("invalid-request", "the request is invalid"),
        StatusCodes.Status401Unauthorized => ("unauthorized", "a valid bearer token is required"),
        StatusCodes.Status403Forbidden => ("cross-site-request", "cross-origin requests are not allowed"),
        StatusCodes.Status404NotFound => ("not-found", "no such resource"),
        StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", "the method is not allowed on this resource"),
        StatusCodes.Status409Conflict => ("conflict", "the request conflicts with the cluster's state"),
        StatusCodes.Status413PayloadTooLarge => ("body-too-large", "the request body is too large"),
        StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", "the request must be application/json"),
        StatusCodes.Status421MisdirectedRequest => ("unknown-host", "the Host header does not name this controller"),
        StatusCodes.Status503ServiceUnavailable => ("not-active", "the controller cannot serve this now"),
        StatusCodes.Status504GatewayTimeout => ("timeout", "the controller did not answer in time"),
        StatusCodes.Status500InternalServerError => ("internal-error", "the controller failed"),
        _ => ("http-" + status, "the request failed"),
    };
}
