using System.Buffers;
using System.Buffers.Binary;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// Length-prefixed framing: a 4-byte big-endian body length, then the body. The limit is checked on the
/// prefix alone, so a hostile length never makes us buffer or allocate anything.
/// </summary>
internal static class Frame
{
    public const int PrefixSize = 4;

    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxBodySize, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (buffer.Length < PrefixSize)
        {
            return false;
        }

        uint length;
        if (buffer.FirstSpan.Length >= PrefixSize)
        {
            length = BinaryPrimitives.ReadUInt32BigEndian(buffer.FirstSpan);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[PrefixSize];
            buffer.Slice(0, PrefixSize).CopyTo(prefix);
            length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        }

        if (length == 0)
        {
            throw new WireProtocolException("empty frame");
        }

        if (length > (uint)maxBodySize)
        {
            throw new WireProtocolException($"frame length {length} exceeds the limit of {maxBodySize} bytes");
        }

        if (buffer.Length - PrefixSize < length)
        {
            return false;
        }

        body = buffer.Slice(PrefixSize, length);
        buffer = buffer.Slice(body.End);
        return true;
    }

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> body)
    {
        var span = output.GetSpan(PrefixSize + body.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)body.Length);
        body.CopyTo(span[PrefixSize..]);
        output.Advance(PrefixSize + body.Length);
    }
}
