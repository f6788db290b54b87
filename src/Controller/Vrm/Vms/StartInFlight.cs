using Cluster.Messages;

namespace Cluster.Controller.Vrm.Vms;

/// <summary>A start command sent to a host and not yet answered.</summary>
public sealed record StartInFlight(VmId Vm, long Incarnation, HostId Host);
