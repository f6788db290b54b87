namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// Remembers the last few strings a connection decoded. Consecutive frames mostly repeat the same
/// recipient, sender and manifest, so this spares a string allocation per field per message.
/// Not thread-safe: one per connection's read loop.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 8;
    private const int MaxCachedBytes = 256;

    private readonly byte[]?[] keys = new byte[Slots][];
    private readonly string[] values = new string[Slots];
    private int next;

    public string Get(ReadOnlySpan<byte> utf8, string field)
    {
        for (var i = 0; i < Slots; i++)
        {
            if (keys[i] is { } key && utf8.SequenceEqual(key))
            {
                return values[i];
            }
        }

        var text = WireReader.Decode(utf8, field);
        if (utf8.Length <= MaxCachedBytes)
        {
            keys[next] = utf8.ToArray();
            values[next] = text;
            next = (next + 1) % Slots;
        }

        return text;
    }
}
