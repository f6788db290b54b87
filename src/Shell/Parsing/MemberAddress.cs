using System.Globalization;

namespace Cluster.Shell.Parsing;

/// <summary>
/// An Akka member address as <c>cluster show</c> prints it, <c>protocol://system@host:port</c>, checked before
/// <c>cluster leave</c> or <c>down</c> sends anything: a typo must never become a request. The controller checks
/// it again with Akka's own parser and against the members.
/// </summary>
public static class MemberAddress
{
    public const string Form = "protocol://system@host:port, e.g. akka.tcp://cluster@10.0.0.5:4053";

    /// <summary>Null when <paramref name="text"/> is well formed, else why not (to follow the argument's name).</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return $"must be an Akka address {Form}, got '{text}'";
        }

        if (uri.UserInfo.Length == 0)
        {
            return $"has no actor system name before '@'; expected {Form}, got '{text}'";
        }

        if (uri.Host.Length == 0 || uri.Port <= 0 || !HasExplicitPort(text))
        {
            return $"must name a host and a port; expected {Form}, got '{text}'";
        }

        return uri.AbsolutePath is "" or "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? null
            : $"must not have a path; expected {Form}, got '{text}'";
    }

    /// <summary>Uri fills in a known scheme's default port (http: 80); a member address always says its port.</summary>
    private static bool HasExplicitPort(string text)
    {
        var authority = text[(text.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        authority = slash < 0 ? authority : authority[..slash];
        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
