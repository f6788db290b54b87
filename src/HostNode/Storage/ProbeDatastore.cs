namespace Cluster.HostNode.Storage;

/// <summary>The CNA to a <see cref="DatastoreActor"/>: probe your datastore now and report its health.</summary>
public sealed record ProbeDatastore
{
    public static readonly ProbeDatastore Instance = new();
}
