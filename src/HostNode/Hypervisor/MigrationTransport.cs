using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// What carries a simulated hypervisor's live migrations to another host: the in-process network of the simulation
/// (<see cref="InProcessMigrationNetwork"/>) or real TCP between host-node processes
/// (<see cref="Tcp.TcpMigrationTransport"/>). Both run the same pre-copy model on the source; the transport only says
/// whether the target is reached, and carries the source's word that the whole memory has arrived.
/// </summary>
public abstract class MigrationTransport
{
    /// <summary>A hypervisor of <paramref name="host"/> comes up: whatever listened for the host's previous life is gone.</summary>
    internal abstract void Attach(string host, SimulatedHypervisor hypervisor);

    /// <summary>Listens for the memory of <paramref name="vm"/>, to be defined here as <paramref name="incarnation"/>.</summary>
    internal abstract IncomingEndpoint Listen(string host, SimulatedHypervisor owner, VmId vm, long incarnation);

    /// <summary>
    /// Opens the connection from <paramref name="fromHost"/>'s running <paramref name="sourceIncarnation"/> of
    /// <paramref name="vm"/> to <paramref name="targetUri"/>, or says at once why not (null, with the
    /// <paramref name="refusal"/>). A link that is still connecting is not <see cref="OutgoingLink.Ready"/>; one that could
    /// not connect, or broke, has a <see cref="OutgoingLink.Failure"/>.
    /// </summary>
    internal abstract OutgoingLink? Connect(string fromHost, string targetUri, VmId vm, long sourceIncarnation, out string? refusal);
}
