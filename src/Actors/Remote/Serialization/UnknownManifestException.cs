namespace Cluster.Actors.Remote.Serialization;

/// <summary>
/// A peer sent a manifest this node has no type for: a version skew or a hostile peer, never a local
/// bug, so transports catch it and close only the offending connection.
/// </summary>
public sealed class UnknownManifestException : Exception
{
    public UnknownManifestException(string manifest)
        : base($"unknown message manifest '{manifest}'")
    {
        Manifest = manifest;
    }

    public string Manifest { get; }
}
