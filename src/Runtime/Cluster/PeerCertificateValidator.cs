using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Cluster.Runtime.Cluster;

/// <summary>
/// The check every TLS handshake runs on the peer's certificate, on both sides (Akka.Remote 1.5.74 calls a
/// custom validator for the server's certificate on the dialling side and, with require-mutual-authentication,
/// for the client's on the accepting side). A peer is accepted only if its certificate chains to one of the
/// cluster CAs, with the machine's trust store ignored, and, when pins are given, is one of them.
/// </summary>
public static class PeerCertificateValidator
{
    public static CertificateValidationCallback Create(X509Certificate2Collection trustedCas, IReadOnlyCollection<string>? pinnedThumbprints = null)
    {
        ArgumentNullException.ThrowIfNull(trustedCas);
        var pins = new HashSet<string>(pinnedThumbprints ?? [], StringComparer.OrdinalIgnoreCase);
        return (certificate, _, remotePeer, errors, log) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                log.Warning("TLS peer {0} refused: it presented no certificate", remotePeer);
                return false;
            }

            // The errors Akka passes were computed against the machine store; name mismatches are expected (nodes
            // are dialled by IP), so the decision is our own chain build against the cluster CA only.
            if (ClusterCertificateChain.Problem(certificate, trustedCas, pins) is { } problem)
            {
                log.Warning("TLS peer {0} refused: {1}", remotePeer, problem);
                return false;
            }

            return true;
        };
    }
}
