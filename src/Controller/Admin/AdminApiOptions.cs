using System.Net;

namespace Cluster.Controller.Admin;

/// <summary>How the admin API answers: how long it waits for the VRM, whether callers must show a token, and what requests it takes.</summary>
public sealed record AdminApiOptions
{
    /// <summary>The default <see cref="MaxRequestBodyBytes"/>: 64 KiB, a hundred times the largest VM a request can describe.</summary>
    public const long DefaultMaxRequestBodyBytes = 64 * 1024;

    /// <summary>Request bodies above this many bytes are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Names besides loopback (127.0.0.1, [::1], localhost) that the Host header may carry, with or without
    /// a port: the names this controller is reached by. Anything else is refused (DNS rebinding).
    /// </summary>
    public IReadOnlyList<string> AllowedHostNames { get; init; } = [];

    /// <summary>Origins (scheme://host[:port]) whose browser pages may call the API; a request with any other Origin header is refused.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>How long a request waits for the VRM actor before answering 504.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The token callers send as <c>Authorization: Bearer &lt;token&gt;</c>. When set it is always checked.</summary>
    public string? BearerToken { get; init; }

    /// <summary>
    /// The hosting code sets this when the API listens beyond loopback (see <see cref="TokenRequiredFor"/>):
    /// mapping the routes then fails fast if no token is configured, rather than serving the cluster openly.
    /// </summary>
    public bool RequireToken { get; init; }

    /// <summary>
    /// Serve <c>/metrics</c> for Prometheus (the process registered OpenTelemetry's Prometheus exporter); with a
    /// token, /metrics asks for it like /api does.
    /// </summary>
    public bool ServesMetrics { get; init; }

    /// <summary>Whether requests must carry the token.</summary>
    internal bool ChecksToken => RequireToken || !string.IsNullOrEmpty(BearerToken);

    /// <summary>True unless every address is loopback: anyone on the network could reach any other binding.</summary>
    public static bool TokenRequiredFor(IEnumerable<IPAddress> boundAddresses)
    {
        ArgumentNullException.ThrowIfNull(boundAddresses);
        return boundAddresses.Any(a => !IPAddress.IsLoopback(a));
    }

    internal void Validate()
    {
        if (AskTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AskTimeout), AskTimeout, "must be positive");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequestBodyBytes), MaxRequestBodyBytes, "must be at least 1024");
        }

        if (RequireToken && string.IsNullOrEmpty(BearerToken))
        {
            throw new ArgumentException($"{nameof(RequireToken)} is set but no {nameof(BearerToken)} is configured", nameof(BearerToken));
        }
    }
}
