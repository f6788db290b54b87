using Cluster.Runtime.Tests.Support;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>What the nodes of a TLS spec share: their certificates, and the SQLite database of the split-brain resolver's lease.</summary>
public sealed class TlsClusterFixture : IDisposable
{
    public TestCertificates Certificates { get; } = new();

    public SqliteTestDatabase LeaseDatabase { get; } = new();

    public void Dispose()
    {
        Certificates.Dispose();
        LeaseDatabase.Dispose();
    }
}
