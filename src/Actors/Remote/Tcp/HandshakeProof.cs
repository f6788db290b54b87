using System.Security.Cryptography;
using System.Text;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>
/// HMAC-SHA256(secret, role || nonce || address). The role label keeps an acceptor's answer from being
/// replayed as a connector's (a reflection attack: echo the acceptor's own nonce back to it on a second
/// connection); the address binds the proof to the node that claims it.
/// </summary>
internal static class HandshakeProof
{
    public const int Size = 32;

    private static readonly byte[] AcceptorLabel = "cluster-wire/acceptor"u8.ToArray();
    private static readonly byte[] ConnectorLabel = "cluster-wire/connector"u8.ToArray();

    public static byte[] Compute(byte[] secret, bool acceptor, ReadOnlySpan<byte> nonce, NodeAddress address)
    {
        var label = acceptor ? AcceptorLabel : ConnectorLabel;
        var addressBytes = Encoding.UTF8.GetBytes(address.ToString());
        var data = new byte[label.Length + nonce.Length + addressBytes.Length];
        label.CopyTo(data, 0);
        nonce.CopyTo(data.AsSpan(label.Length));
        addressBytes.CopyTo(data, label.Length + nonce.Length);
        return HMACSHA256.HashData(secret, data);
    }

    public static bool Verify(byte[] secret, bool acceptor, ReadOnlySpan<byte> nonce, NodeAddress address, ReadOnlySpan<byte> proof) =>
        CryptographicOperations.FixedTimeEquals(Compute(secret, acceptor, nonce, address), proof);
}
