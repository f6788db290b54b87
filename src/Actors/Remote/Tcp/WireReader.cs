using System.Buffers.Binary;
using System.Text;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// Reads the fields <see cref="WireWriter"/> writes. Every read checks what is left, so a short or lying
/// frame becomes a <see cref="WireProtocolException"/>, never an out-of-range read.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ReadOnlySpan<byte> rest = data;

    public readonly ReadOnlySpan<byte> Rest => rest;

    public byte ReadByte() => Take(1)[0];

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>Returns false for a null string, else the string's UTF-8 bytes.</summary>
    public bool TryReadStringBytes(out ReadOnlySpan<byte> utf8)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(Take(2));
        utf8 = length == WireWriter.NullString ? default : Take(length);
        return length != WireWriter.NullString;
    }

    public string ReadString(string field) =>
        TryReadStringBytes(out var utf8) ? Decode(utf8, field) : throw new WireProtocolException($"{field} is missing");

    public readonly void ExpectEnd(string what)
    {
        if (!rest.IsEmpty)
        {
            throw new WireProtocolException($"{rest.Length} unexpected bytes after the {what}");
        }
    }

    public static string Decode(ReadOnlySpan<byte> utf8, string field)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new WireProtocolException($"{field} is not valid UTF-8");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (rest.Length < count)
        {
            throw new WireProtocolException($"frame is truncated: needed {count} more bytes, {rest.Length} left");
        }

        var taken = rest[..count];
        rest = rest[count..];
        return taken;
    }
}
