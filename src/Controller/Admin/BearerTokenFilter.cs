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
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(context.HttpContext, "missing bearer token");
        }

        // Constant-time comparison, so response timing does not leak how much of a guess was right.
        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        if (!CryptographicOperations.FixedTimeEquals(presented, _expected))
        {
            return Unauthorized(context.HttpContext, "wrong bearer token");
        }

        return await next(context).ConfigureAwait(false);
    }

    private static IResult Unauthorized(HttpContext http, string reason)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return AdminResults.Error(StatusCodes.Status401Unauthorized, new ErrorResponse("unauthorized", [new FieldError("authorization", reason)]));
    }
}
