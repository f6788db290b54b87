namespace Cluster.Persistence;

/// <summary>
/// Turns domain events into (manifest, bytes) and back. The manifest names type and version (e.g. "HostFaulty.v1")
/// so that a renamed CLR type or a new event version can still read old rows.
/// </summary>
public interface IEventSerializer
{
    (string Manifest, byte[] Payload) Serialize(object @event);

    object Deserialize(string manifest, byte[] payload);
}
