namespace Cluster.Runtime.Cluster;

/// <summary>
/// Akka.Remote TLS (scheme <c>akka.ssl.tcp</c>). Mutual: every node presents <paramref name="CertificatePath"/>
/// and accepts a peer only if the peer's certificate chains to <paramref name="CaCertificatePath"/> (and, when
/// <paramref name="TrustedThumbprints"/> is not empty, is one of them). See <see cref="PeerCertificateValidator"/>.
/// </summary>
/// <param name="Enabled">Off: plain <c>akka.tcp</c>, and any peer that reaches the port speaks the Akka protocol.</param>
/// <param name="CertificatePath">This node's PKCS#12 file (key and certificate), as scripts/make-certs.sh writes.</param>
/// <param name="CertificatePassword">The PKCS#12 file's password.</param>
/// <param name="CaCertificatePath">The cluster CA's certificate (PEM or DER); peers must chain to it, not to the machine store.</param>
/// <param name="TrustedThumbprints">Optional pinning: only these peer certificates (SHA-1 thumbprints, hex) are accepted.</param>
public sealed record TlsSettings(
    bool Enabled,
    string? CertificatePath = null,
    string? CertificatePassword = null,
    string? CaCertificatePath = null,
    IReadOnlyList<string>? TrustedThumbprints = null)
{
    public static TlsSettings Off { get; } = new(false);

    /// <summary>The remoting scheme every address of a cluster with this setting carries.</summary>
    public string Scheme => Enabled ? "akka.ssl.tcp" : "akka.tcp";
}
