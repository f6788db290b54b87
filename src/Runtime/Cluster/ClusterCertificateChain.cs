using System.Security.Cryptography.X509Certificates;

namespace Cluster.Runtime.Cluster;

/// <summary>
/// Whether a peer's certificate belongs to the cluster: it chains to one of the cluster CAs, with the machine's trust
/// store ignored, and, when pins are given, is one of them. Akka.Remote's TLS (<see cref="PeerCertificateValidator"/>)
/// and the host nodes' migration connections check peers with it.
/// </summary>
public static class ClusterCertificateChain
{
    /// <summary>Null if <paramref name="certificate"/> is a cluster peer's, else why not.</summary>
    public static string? Problem(X509Certificate2 certificate, X509Certificate2Collection trustedCas, IReadOnlySet<string>? pinnedThumbprints = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(trustedCas);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            return $"certificate {certificate.Subject} does not chain to the cluster CA ({string.Join(", ", chain.ChainStatus.Select(s => s.Status))})";
        }

        return pinnedThumbprints is { Count: > 0 } pins && !pins.Contains(certificate.Thumbprint)
            ? $"certificate {certificate.Subject} ({certificate.Thumbprint}) is not one of the trusted thumbprints"
            : null;
    }
}
