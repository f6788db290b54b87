using Cluster.Shell.Http;

namespace Cluster.Shell;

/// <summary>An admin client made on first use and disposed with the session: Tab completion may never need one.</summary>
internal sealed class LazyClient(Func<AdminClient> create) : IDisposable
{
    private AdminClient? _client;

    public AdminClient Get() => _client ??= create();

    public void Dispose() => _client?.Dispose();
}
