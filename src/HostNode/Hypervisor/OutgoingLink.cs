namespace Cluster.HostNode.Hypervisor;

/// <summary>
/// The source's connection to one incoming VM. Read at every query of the transfer, never waited on: a real
/// connection is made and watched in the background, and the model advances only while it is <see cref="Ready"/>.
/// </summary>
internal abstract class OutgoingLink(string uri)
{
    public string Uri { get; } = uri;

    /// <summary>Connected to the target, which accepted this VM and incarnation.</summary>
    public abstract bool Ready { get; }

    /// <summary>Why the connection could not be made or broke before the target confirmed the memory; null while it holds.</summary>
    public abstract string? Failure { get; }

    /// <summary>The target confirmed that the whole memory has arrived.</summary>
    public abstract bool Delivered { get; }

    /// <summary>Tells the target that the whole memory has arrived (the model's transfer completed).</summary>
    public abstract void SendCompleted();

    /// <summary>Ends the connection; a target not yet told the memory arrived never resumes.</summary>
    public abstract void Close();
}
