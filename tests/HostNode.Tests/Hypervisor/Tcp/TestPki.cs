using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cluster.HostNode.Hypervisor.Tcp;

namespace Cluster.HostNode.Tests.Hypervisor.Tcp;

/// <summary>A cluster CA and node certificates made in memory, and a second CA a rogue's certificate comes from.</summary>
public static class TestPki
{
    private static readonly Lazy<(X509Certificate2 Ca, X509Certificate2 Rogue)> Authorities = new(() => (Authority("cluster CA"), Authority("rogue CA")));

    public static X509Certificate2 ClusterCa => Authorities.Value.Ca;

    /// <summary>A node's TLS for migrations: a certificate from the cluster CA, trusting the cluster CA.</summary>
    public static MigrationTls Node(string name) => new(Issue(name, ClusterCa), [ClusterCa]);

    /// <summary>A certificate from another CA, trusting the cluster CA (so only the other side's check can stop it).</summary>
    public static MigrationTls Rogue(string name) => new(Issue(name, Authorities.Value.Rogue), [ClusterCa]);

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
    }

    private static X509Certificate2 Issue(string name, X509Certificate2 issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(issuer, TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(29), RandomNumberGenerator.GetBytes(8));
        // A certificate with its key, exported and loaded again as the node's PKCS#12 file would be (SslStream on Linux wants that).
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }
}
