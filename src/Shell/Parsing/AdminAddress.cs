using System.Globalization;

namespace Cluster.Shell.Parsing;

/// <summary>
/// Where the admin API is, as an operator writes it: <c>HOST</c>, <c>HOST:PORT</c>, <c>[IPv6]</c>,
/// <c>[IPv6]:PORT</c>, a bare IPv6 address, or a URL <c>http(s)://HOST[:PORT][/]</c> (pbm takes
/// <c>host:port</c>; people paste URLs from --admin-urls). A missing port is null: the caller keeps --port.
/// </summary>
public sealed record AdminAddress(string Scheme, string Host, int? Port)
{
    public const string Forms = "HOST, HOST:PORT, [IPv6]:PORT or http://HOST[:PORT]";

    /// <summary>The address, or a <see cref="UsageException"/> (one line) naming <paramref name="source"/> and what is wrong.</summary>
    public static AdminAddress Parse(string source, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.Length == 0)
        {
            throw Bad(source, "must not be empty");
        }

        var scheme = "http";
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = value[..schemeEnd].ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                throw Bad(source, $"scheme '{value[..schemeEnd]}' is not supported (http or https), got '{text}'");
            }

            value = value[(schemeEnd + 3)..];
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (value[slash..] != "/")
                {
                    throw Bad(source, $"must not have a path, got '{text}'");
                }

                value = value[..slash];
            }
        }

        var (host, port) = SplitHostPort(source, text, value);
        if (host.Length == 0)
        {
            throw Bad(source, $"has no host name, got '{text}'; expected {Forms}");
        }

        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw Bad(source, $"'{host}' is not a host name or IP address; expected {Forms}");
        }

        return new AdminAddress(scheme, host, port);
    }

    /// <summary>True for a token that can only be an address, not a palette: it has ':' or '.', or is localhost.</summary>
    public static bool LooksLikeAddress(string token) =>
        token.Contains(':', StringComparison.Ordinal) || token.Contains('.', StringComparison.Ordinal) || token == "localhost";

    /// <summary>Parses a port as the --port option does: 1-65535.</summary>
    public static int ParsePort(string source, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw Bad(source, $"must be a number between 1 and 65535, got '{text}'");

    private static (string Host, int? Port) SplitHostPort(string source, string text, string value)
    {
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Bad(source, $"has '[' without ']', got '{text}'");
            }

            var rest = value[(close + 1)..];
            return rest.Length == 0 ? (value[1..close], null)
                : rest.StartsWith(':') ? (value[1..close], ParsePort($"{source} port", rest[1..]))
                : throw Bad(source, $"unexpected '{rest}' after ']', got '{text}'");
        }

        var colons = value.Count(c => c == ':');
        if (colons > 1)
        {
            // More than one colon without brackets: a bare IPv6 address, which cannot carry a port.
            return (value, null);
        }

        if (colons == 0)
        {
            return (value, null);
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return (value[..colon], ParsePort($"{source} port", value[(colon + 1)..]));
    }

    private static UsageException Bad(string source, string reason) => new($"{source} {reason}");
}
