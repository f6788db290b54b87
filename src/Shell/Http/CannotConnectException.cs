namespace Cluster.Shell.Http;

/// <summary>The controller did not answer at all (refused, unreachable, timed out). Exit code 3.</summary>
public sealed class CannotConnectException(string endpoint, string reason, Exception? inner = null)
    : Exception($"cannot connect to {endpoint}: {reason}", inner)
{
    public string Endpoint { get; } = endpoint;
}
