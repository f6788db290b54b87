namespace Cluster.HostNode.Node;

/// <summary>
/// The Generic Host's lifetime when the process, not the host, owns the signals (<see cref="StopSignals"/>): the host
/// of one actor system neither waits for nor reacts to them, so ending that system never ends the process.
/// </summary>
public sealed class ProcessOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
