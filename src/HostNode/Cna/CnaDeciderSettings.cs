using Cluster.HostNode.Storage;
using Cluster.Persistence.StorageLeases;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// What the CNA decider needs of <see cref="CnaSettings"/>, without runtime types: peers come resolved
/// (<see cref="CnaPeers"/>) and the lease store stays with the runtime's executor.
/// </summary>
public sealed record CnaDeciderSettings(HostId HostId, HostHardware Hardware, CpuFeatureSet CpuFeatures, IReadOnlyList<DatastoreId> Datastores)
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Up to this much random delay is added to each heartbeat (0 = none).</summary>
    public TimeSpan HeartbeatJitter { get; init; } = TimeSpan.Zero;

    /// <summary>VMs start only once their storage write-lease is taken, and leases are renewed every <see cref="LeaseRenewInterval"/>.</summary>
    public bool UsesStorageLeases { get; init; }

    public TimeSpan LeaseRenewInterval { get; init; } = StorageLeaseDefaults.RenewInterval;

    /// <summary>Set when the host has no usable lease store: every datastore is reported unreachable for this reason.</summary>
    public string? StorageUnusableBecause { get; init; }

    /// <summary>
    /// False (the default, the simulation's mode): the CNA runs its VM agents in-process. True: each agent is addressed
    /// as <see cref="Vm.VmAgentAddress"/>, which the Akka shell maps to a child actor running the agent's own effects.
    /// </summary>
    public bool AgentsAsChildren { get; init; }

    /// <summary>Leases held by VMs that kept running while the node was downed and rejoined; their agents take them over at start.</summary>
    public IReadOnlyList<Vm.AdoptedLease> AdoptedLeases { get; init; } = [];

    /// <summary>The highest controller epoch a predecessor on this host saw (a rejoin); older commands are refused from the start.</summary>
    public long InitialEpoch { get; init; }

    public LeaseFencingOptions Fencing { get; init; } = new();

    public IsolationResponse IsolationResponse { get; init; } = IsolationResponse.LeaveRunning;

    public TimeSpan IsolationPingTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A re-watched controller that stays unreported this long is reachable again.</summary>
    public TimeSpan ControllerReachableAfter { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>The decider's view of <paramref name="settings"/>.</summary>
    public static CnaDeciderSettings From(CnaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CnaDeciderSettings(settings.HostId, settings.Hardware, settings.CpuFeatures, settings.Datastores)
        {
            HeartbeatInterval = settings.HeartbeatInterval,
            HeartbeatJitter = settings.HeartbeatJitter,
            UsesStorageLeases = settings.StorageLeases is not null,
            LeaseRenewInterval = settings.LeaseRenewInterval,
            StorageUnusableBecause = settings.StorageUnusableBecause,
            Fencing = settings.Fencing,
            IsolationResponse = settings.IsolationResponse,
            IsolationPingTimeout = settings.IsolationPingTimeout,
            ControllerReachableAfter = settings.ControllerReachableAfter,
            AgentsAsChildren = settings.AgentsAsChildren,
        };
    }
}
