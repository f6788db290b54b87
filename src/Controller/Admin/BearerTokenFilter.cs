using System.Security.Cryptography;
using System.Text;
using Cluster.Messages;

namespace Cluster.Controller.Admin;

/// <summary>Refuses a request whose <c>Authorization: Bearer</c> token is missing or wrong with 401.</summary>
internal sealed class BearerTokenFilter(string token) : IEndpointFilter
{
    private const string Scheme = "Bearer ";
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Refusal(context.HttpContext) ?? await next(context).ConfigureAwait(false);
    }

    /// <summary>The 401 for a request without the right token, or null to let it through (also for routes that are not endpoint handlers, such as /metrics).</summary>
    public IResult? Refusal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(http, "missing bearer token");
        }

        // Constant-time comparison, so response timing does not leak how much of a guess was right.
        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _expected) ? null : Unauthorized(http, "wrong bearer token");
    }

    private static IResult Unauthorized(HttpContext http, string reason)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return AdminResults.Error(StatusCodes.Status401Unauthorized, new ErrorResponse("unauthorized", [new FieldError("authorization", reason)]));
    }
}
