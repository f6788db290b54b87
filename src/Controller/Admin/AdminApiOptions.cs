using System.Net;

namespace Cluster.Controller.Admin;

/// <summary>How the admin API answers: how long it waits for the VRM and whether callers must show a token.</summary>
public sealed record AdminApiOptions
{
    /// <summary>How long a request waits for the VRM actor before answering 504.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The token callers send as <c>Authorization: Bearer &lt;token&gt;</c>. When set it is always checked.</summary>
    public string? BearerToken { get; init; }

    /// <summary>
    /// The hosting code sets this when the API listens beyond loopback (see <see cref="TokenRequiredFor"/>):
    /// mapping the routes then fails fast if no token is configured, rather than serving the cluster openly.
    /// </summary>
    public bool RequireToken { get; init; }

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

        if (RequireToken && string.IsNullOrEmpty(BearerToken))
        {
            throw new ArgumentException($"{nameof(RequireToken)} is set but no {nameof(BearerToken)} is configured", nameof(BearerToken));
        }
    }
}
