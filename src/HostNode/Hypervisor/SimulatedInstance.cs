using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor;

/// <summary>What a simulated instance is doing; the two paused states belong to a live migration.</summary>
internal enum GuestState
{
    Running,
    Stopped,
    Crashed,

    /// <summary>Defined paused on the target, receiving (or holding) the memory of a migration.</summary>
    Incoming,

    /// <summary>The source after a completed transfer: paused, its memory already on the target.</summary>
    MigratedOut,
}

/// <summary>One VM defined on a <see cref="SimulatedHypervisor"/>.</summary>
internal sealed class SimulatedInstance(VmId id, VmSpec spec, long incarnation, GuestState state)
{
    public VmId Id { get; } = id;

    /// <summary>Changes only when a disk mirror pivots the guest to another datastore.</summary>
    public VmSpec Spec { get; set; } = spec;

    public long Incarnation { get; } = incarnation;

    public GuestState State { get; set; } = state;

    /// <summary>Where an incoming instance listens; null otherwise.</summary>
    public IncomingEndpoint? Endpoint { get; init; }

    public bool IsPaused => State is GuestState.Incoming or GuestState.MigratedOut;

    /// <summary>Running and paused instances hold their memory.</summary>
    public bool HoldsMemory => State == GuestState.Running || IsPaused;

    /// <summary>Paused instances run nothing and write nothing: the control plane sees them as stopped.</summary>
    public VmPowerState PowerState => State switch
    {
        GuestState.Running => VmPowerState.Running,
        GuestState.Crashed => VmPowerState.Crashed,
        _ => VmPowerState.Stopped,
    };

    public bool Is(GuestState state, long incarnation) => State == state && Incarnation == incarnation;
}
