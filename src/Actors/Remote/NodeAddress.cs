namespace Cluster.Actors.Remote;

/// <summary>
/// Identifies one actor system (a process, or one simulated node). Host and port are how a TCP
/// transport reaches it; in the simulation they are only part of the name.
/// </summary>
public sealed record NodeAddress(string System, string Host, int Port)
{
    public override string ToString() => $"{System}@{Host}:{Port}";

    public static NodeAddress Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var colon = text.LastIndexOf(':');
        if (at <= 0 || colon < at + 2 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
        {
            throw new FormatException($"node address '{text}' is not of the form system@host:port");
        }

        return new NodeAddress(text[..at], text[(at + 1)..colon], port);
    }
}
