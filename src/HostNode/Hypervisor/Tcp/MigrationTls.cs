using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Cluster.Runtime.Cluster;

namespace Cluster.HostNode.Hypervisor.Tcp;

/// <summary>
/// Mutual TLS on migration connections, with the node's cluster certificate and CA (its <c>--tls-*</c> settings): each
/// side presents its certificate and accepts the other's only if it chains to the cluster CA
/// (<see cref="ClusterCertificateChain"/>). Host names are not checked: hosts are dialled by address, as Akka's are.
/// </summary>
public sealed class MigrationTls(X509Certificate2 certificate, X509Certificate2Collection trustedCas)
{
    public static MigrationTls From(TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (!tls.Enabled || tls.CertificatePath is null || tls.CaCertificatePath is null)
        {
            throw new ArgumentException("TLS is off or has no certificate and CA; validate the settings first", nameof(tls));
        }

        return new MigrationTls(
            X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.CertificatePassword),
            [X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificatePath)]);
    }

    /// <summary>The accepting side: the source must present a cluster certificate.</summary>
    public async Task<Stream> AcceptAsync(Stream connection, CancellationToken cancellationToken)
    {
        var tls = new SslStream(connection, leaveInnerStreamOpen: false);
        string? refusal = null;
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, peer, _, _) => Accepts(peer, out refusal),
        };
        return await AuthenticateAsync(tls, () => tls.AuthenticateAsServerAsync(options, cancellationToken), () => refusal).ConfigureAwait(false);
    }

    /// <summary>The dialling side: presents this node's certificate and checks the target's.</summary>
    public async Task<Stream> DialAsync(Stream connection, string targetHost, CancellationToken cancellationToken)
    {
        var tls = new SslStream(connection, leaveInnerStreamOpen: false);
        string? refusal = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            ClientCertificates = [certificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, peer, _, _) => Accepts(peer, out refusal),
        };
        return await AuthenticateAsync(tls, () => tls.AuthenticateAsClientAsync(options, cancellationToken), () => refusal).ConfigureAwait(false);
    }

    private static async Task<Stream> AuthenticateAsync(SslStream tls, Func<Task> handshake, Func<string?> refusal)
    {
        try
        {
            await handshake().ConfigureAwait(false);
            return tls;
        }
        catch (AuthenticationException ex)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new AuthenticationException($"TLS refused: {refusal() ?? ex.Message}", ex);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool Accepts(X509Certificate? peer, out string? refusal)
    {
        refusal = peer is null
            ? "the peer presented no certificate"
            : ClusterCertificateChain.Problem(peer as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(peer.GetRawCertData()), trustedCas);
        return refusal is null;
    }
}
