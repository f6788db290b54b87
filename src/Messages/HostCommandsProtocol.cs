using System.Text.Json.Serialization;

namespace Cluster.Messages;

// VRM -> CNA commands and their replies. Every command carries the sender's epoch, so that a host can
// refuse a deposed controller (split brain), and an id, unique within an epoch, that replies echo.

/// <summary>A command a VRM sends to a host.</summary>
public interface IHostCommand : IWireMessage
{
    long Epoch { get; }

    long CommandId { get; }

    VmId VmId { get; }
}

/// <summary>Start the VM. The incarnation is new for each start, so reports of older instances are recognisable.</summary>
public sealed record StartVm(long Epoch, long CommandId, VmId VmId, VmSpec Spec, long Incarnation) : IHostCommand, ITraceCarrier
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }
}

/// <summary>Stop the VM: gracefully (guest shutdown) or by powering it off.</summary>
public sealed record StopVm(long Epoch, long CommandId, VmId VmId, bool Graceful) : IHostCommand, ITraceCarrier
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }
}

/// <summary>Remove the VM from the host (it must be stopped).</summary>
public sealed record DeleteVm(long Epoch, long CommandId, VmId VmId) : IHostCommand;

/// <summary>Kill an instance the VRM knows to be stale (restarted elsewhere), identified by its incarnation.</summary>
public sealed record KillStaleInstance(long Epoch, long CommandId, VmId VmId, long Incarnation) : IHostCommand;

/// <summary>The host accepted the command and will act on it.</summary>
public sealed record CommandAccepted(long CommandId) : IWireMessage;

/// <summary>The host refused the command for a reason of its own (not enough memory, unknown VM, ...).</summary>
public sealed record CommandRejected(long CommandId, string Reason) : IWireMessage;

/// <summary>The host refused the command because it has already seen a newer controller epoch.</summary>
public sealed record StaleEpochRejected(long CommandId, long SeenEpoch, long CommandEpoch) : IWireMessage;
