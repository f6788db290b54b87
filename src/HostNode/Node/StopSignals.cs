using System.Runtime.InteropServices;

namespace Cluster.HostNode.Node;

/// <summary>
/// SIGTERM, SIGINT (Ctrl+C) and SIGQUIT for the whole process: they cancel <see cref="Token"/> instead of killing it,
/// so the node leaves the cluster gracefully. Held by the process, not by a Generic Host, because a host is rebuilt
/// each time the node rejoins.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals() => _registrations = [Register(PosixSignal.SIGTERM), Register(PosixSignal.SIGINT), Register(PosixSignal.SIGQUIT)];

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private PosixSignalRegistration Register(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        _stop.Cancel();
    });
}
