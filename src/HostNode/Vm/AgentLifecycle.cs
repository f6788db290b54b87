using Cluster.Messages;

namespace Cluster.HostNode.Vm;

/// <summary>
/// A child agent to its CNA: it holds no lease and starts nothing, after <paramref name="InputsHandled"/> inputs from
/// the CNA. The CNA retires it only if it has sent no more than that, so an input in flight to it is never lost.
/// </summary>
public sealed record VmAgentIdle(VmId Vm, long InputsHandled);

/// <summary>The CNA to a child agent's address: the agent is done; the runtime stops the child and forgets its name.</summary>
public sealed record RetireAgent
{
    public static readonly RetireAgent Instance = new();
}

/// <summary>
/// A lease the previous incarnation of this host's agent held for a VM that still runs on the hypervisor (the node was
/// downed and rejoined): the agent takes it over as is — same datastore, holder and incarnation — and its fencing
/// deadline counts from <paramref name="LastRenewedAt"/>, the start of the last renewal the store confirmed.
/// </summary>
public sealed record AdoptedLease(VmId Vm, DatastoreId Datastore, long Incarnation, DateTimeOffset LastRenewedAt);
