namespace Cluster.HostNode.Hypervisor;

/// <summary>What <see cref="IHypervisor.PrepareIncoming"/> answers: the address the incoming VM listens at, or why it could not be prepared.</summary>
public sealed record PreparedIncoming(string? Uri, string? Refusal)
{
    public static PreparedIncoming ListeningAt(string uri) => new(uri, null);

    public static PreparedIncoming Refused(string reason) => new(null, reason);
}
