using System.Buffers;
using Cluster.Actors.Remote.Serialization;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// The body of an envelope frame: kind byte 0x10, recipient path, sender path (nullable), manifest, each
/// a length-prefixed UTF-8 string, then the JSON payload to the end of the frame. Only the payload is JSON:
/// the header is read without a parser, so routing costs no more than a few span reads.
/// </summary>
internal sealed class EnvelopeCodec(MessageRegistry registry, int maxFrameSize)
{
    public const byte Kind = 0x10;

    public MessageRegistry Registry => registry;

    /// <summary>Writes the frame body into <paramref name="body"/>, which it clears first.</summary>
    public void Encode(in RemoteEnvelope envelope, ArrayBufferWriter<byte> body)
    {
        body.ResetWrittenCount();
        WireWriter.WriteByte(body, Kind);
        WireWriter.WriteString(body, envelope.RecipientPath);
        WireWriter.WriteString(body, envelope.SenderPath);
        WireWriter.WriteString(body, registry.ManifestOf(envelope.Message.GetType()));
        registry.Serialize(envelope.Message, body);
        if (body.WrittenCount > maxFrameSize)
        {
            // The peer would refuse it and drop the connection with everything queued behind it.
            throw new WireProtocolException($"frame of {body.WrittenCount} bytes exceeds the limit of {maxFrameSize} bytes");
        }
    }

    public RemoteEnvelope Decode(ReadOnlySpan<byte> body, Utf8StringCache strings)
    {
        var reader = new WireReader(body);
        var kind = reader.ReadByte();
        if (kind != Kind)
        {
            throw new WireProtocolException($"unexpected frame kind 0x{kind:x2} where an envelope was expected");
        }

        var recipient = reader.TryReadStringBytes(out var recipientBytes)
            ? strings.Get(recipientBytes, "recipient path")
            : throw new WireProtocolException("recipient path is missing");
        var sender = reader.TryReadStringBytes(out var senderBytes) ? strings.Get(senderBytes, "sender path") : null;
        var manifest = reader.TryReadStringBytes(out var manifestBytes)
            ? strings.Get(manifestBytes, "manifest")
            : throw new WireProtocolException("manifest is missing");
        return new RemoteEnvelope(recipient, sender, registry.Deserialize(manifest, reader.Rest));
    }
}
