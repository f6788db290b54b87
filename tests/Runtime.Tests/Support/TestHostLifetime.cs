using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Support;

/// <summary>What Akka.Hosting's hosted service needs from a Generic Host, without adding Microsoft.Extensions.Hosting for the host itself.</summary>
public sealed class TestHostLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
