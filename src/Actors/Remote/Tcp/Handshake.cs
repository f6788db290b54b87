using System.Buffers;
using System.Security.Cryptography;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// Mutual challenge-response over the cluster secret; the secret itself never crosses the wire.
/// <code>
/// connector -> acceptor  HELLO     0x01, version, nonceC[32], connector address
/// acceptor -> connector  CHALLENGE 0x02, nonceA[32], proofA = HMAC(acceptor, nonceC, acceptor address), acceptor address
/// connector -> acceptor  PROOF     0x03, proofC = HMAC(connector, nonceA, connector address)
/// acceptor -> connector  ACCEPT    0x04
/// </code>
/// The connector sends its proof before checking the acceptor's, so with a wrong secret both sides can
/// log the real reason instead of one of them seeing only a closed socket.
/// </summary>
internal static class Handshake
{
    public const byte Version = 1;
    public const int NonceSize = 32;

    /// <summary>Handshake frames are tiny; anything bigger is not our protocol.</summary>
    public const int MaxFrameSize = 1024;

    private const byte HelloKind = 0x01;
    private const byte ChallengeKind = 0x02;
    private const byte ProofKind = 0x03;
    private const byte AcceptKind = 0x04;

    /// <summary>Runs the acceptor's side; returns the proven address of the connecting node.</summary>
    public static async Task<NodeAddress> AcceptAsync(FramedConnection connection, NodeAddress local, byte[] secret, CancellationToken cancellationToken)
    {
        var hello = await connection.ReadFrameAsync(MaxFrameSize, cancellationToken);
        var (connectorNonce, connector) = ParseHello(hello);

        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        await connection.WriteFrameAsync(Build(w =>
        {
            WireWriter.WriteByte(w, ChallengeKind);
            WireWriter.WriteBytes(w, nonce);
            WireWriter.WriteBytes(w, HandshakeProof.Compute(secret, acceptor: true, connectorNonce, local));
            WireWriter.WriteString(w, local.ToString());
        }), cancellationToken);

        var proof = ParseProof(await connection.ReadFrameAsync(MaxFrameSize, cancellationToken));
        if (!HandshakeProof.Verify(secret, acceptor: false, nonce, connector, proof))
        {
            throw new WireProtocolException($"handshake failed: {connector} did not prove the cluster secret");
        }

        await connection.WriteFrameAsync(new[] { AcceptKind }, cancellationToken);
        return connector;
    }

    /// <summary>Runs the connector's side against the node it meant to reach.</summary>
    public static async Task ConnectAsync(FramedConnection connection, NodeAddress local, NodeAddress expected, byte[] secret, CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        await connection.WriteFrameAsync(Build(w =>
        {
            WireWriter.WriteByte(w, HelloKind);
            WireWriter.WriteByte(w, Version);
            WireWriter.WriteBytes(w, nonce);
            WireWriter.WriteString(w, local.ToString());
        }), cancellationToken);

        var (acceptorNonce, acceptorProof, acceptor) = ParseChallenge(await connection.ReadFrameAsync(MaxFrameSize, cancellationToken));
        await connection.WriteFrameAsync(Build(w =>
        {
            WireWriter.WriteByte(w, ProofKind);
            WireWriter.WriteBytes(w, HandshakeProof.Compute(secret, acceptor: false, acceptorNonce, local));
        }), cancellationToken);

        if (!HandshakeProof.Verify(secret, acceptor: true, nonce, acceptor, acceptorProof))
        {
            throw new WireProtocolException($"handshake failed: {acceptor} did not prove the cluster secret");
        }

        // Another node now listening where the expected one was must not receive its messages.
        if (acceptor != expected)
        {
            throw new WireProtocolException($"handshake failed: the node at {expected.Host}:{expected.Port} is {acceptor}, not {expected}");
        }

        byte[] accept;
        try
        {
            accept = await connection.ReadFrameAsync(MaxFrameSize, cancellationToken);
        }
        catch (WireProtocolException)
        {
            throw new WireProtocolException($"handshake refused by {acceptor}");
        }

        if (accept is not [AcceptKind])
        {
            throw new WireProtocolException("handshake failed: expected ACCEPT");
        }
    }

    private static (byte[] Nonce, NodeAddress Address) ParseHello(byte[] frame)
    {
        var reader = new WireReader(frame);
        Expect(reader.ReadByte(), HelloKind, "HELLO");
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new WireProtocolException($"handshake failed: protocol version {version} is not supported (this node speaks {Version})");
        }

        var nonce = reader.ReadBytes(NonceSize).ToArray();
        var address = ParseAddress(ref reader);
        reader.ExpectEnd("HELLO");
        return (nonce, address);
    }

    private static (byte[] Nonce, byte[] Proof, NodeAddress Address) ParseChallenge(byte[] frame)
    {
        var reader = new WireReader(frame);
        Expect(reader.ReadByte(), ChallengeKind, "CHALLENGE");
        var nonce = reader.ReadBytes(NonceSize).ToArray();
        var proof = reader.ReadBytes(HandshakeProof.Size).ToArray();
        var address = ParseAddress(ref reader);
        reader.ExpectEnd("CHALLENGE");
        return (nonce, proof, address);
    }

    private static byte[] ParseProof(byte[] frame)
    {
        var reader = new WireReader(frame);
        Expect(reader.ReadByte(), ProofKind, "PROOF");
        var proof = reader.ReadBytes(HandshakeProof.Size).ToArray();
        reader.ExpectEnd("PROOF");
        return proof;
    }

    private static NodeAddress ParseAddress(ref WireReader reader)
    {
        var text = reader.ReadString("node address");
        try
        {
            return NodeAddress.Parse(text);
        }
        catch (FormatException e)
        {
            throw new WireProtocolException($"handshake failed: {e.Message}");
        }
    }

    private static void Expect(byte kind, byte expected, string name)
    {
        if (kind != expected)
        {
            throw new WireProtocolException($"handshake failed: expected {name}, got frame kind 0x{kind:x2}");
        }
    }

    private static byte[] Build(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
