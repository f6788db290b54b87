using System.Text.RegularExpressions;
using N = Cluster.Runtime.Cluster.ClusterSettingNames;

namespace Cluster.Runtime.Cluster;

/// <summary>TLS's part of <see cref="ClusterFormationValidator"/>: the files must exist before Akka tries to load them.</summary>
internal static partial class TlsSettingsValidator
{
    public static void Validate(TlsSettings tls, Action<string, string> fail)
    {
        if (!tls.Enabled)
        {
            return;
        }

        CheckFile(N.TlsCertificatePath, tls.CertificatePath, "this node's PKCS#12 certificate", fail);
        CheckFile(N.TlsCaCertificatePath, tls.CaCertificatePath, "the cluster CA certificate peers must chain to", fail);
        foreach (var thumbprint in tls.TrustedThumbprints ?? [])
        {
            if (!Sha1Hex().IsMatch(thumbprint))
            {
                fail(N.TlsTrustedThumbprints, $"'{thumbprint}' is not a SHA-1 thumbprint (40 hex digits)");
            }
        }
    }

    private static void CheckFile(string setting, string? path, string what, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            fail(setting, $"is required with TLS on ({what})");
        }
        else if (!File.Exists(path))
        {
            fail(setting, $"'{path}' does not exist ({what})");
        }
    }

    [GeneratedRegex("^[0-9A-Fa-f]{40}$")]
    private static partial Regex Sha1Hex();
}
