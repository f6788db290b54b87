using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>Writes the hand-made binary fields of a frame body; <see cref="WireReader"/> reads them.</summary>
internal static class WireWriter
{
    /// <summary>A string's length prefix with this value means null.</summary>
    public const ushort NullString = ushort.MaxValue;

    public const int MaxStringBytes = ushort.MaxValue - 1;

    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value) => output.Write(value);

    /// <summary>A 2-byte big-endian UTF-8 length, then the bytes; encoded in one pass, straight into the output.</summary>
    public static void WriteString(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), NullString);
            output.Advance(2);
            return;
        }

        var span = output.GetSpan(2 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, span[2..]);
        if (written > MaxStringBytes)
        {
            throw new WireProtocolException($"string of {written} UTF-8 bytes is longer than the wire allows");
        }

        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)written);
        output.Advance(2 + written);
    }
}
