using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Transport.DotNetty;

namespace Cluster.Runtime.Cluster;

/// <summary>Loads <see cref="TlsSettings"/> into the <see cref="DotNettySslSetup"/> Akka.Remote takes: mutual, checked by <see cref="PeerCertificateValidator"/>.</summary>
public static class ClusterTlsSetup
{
    public static DotNettySslSetup Create(TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (!tls.Enabled || tls.CertificatePath is null || tls.CaCertificatePath is null)
        {
            throw new ArgumentException("TLS is off or has no certificate and CA; validate the settings first", nameof(tls));
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.CertificatePassword);
        var cas = new X509Certificate2Collection(X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificatePath));
        return new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            validateCertificateHostname: false,
            customValidator: PeerCertificateValidator.Create(cas, tls.TrustedThumbprints?.ToArray()));
    }
}
