namespace Cluster.Messages;

// DTOs shared by the controller's admin JSON API and the admin shell.

public sealed record HostView(
    HostId HostId,
    string Address,
    HostState State,
    Resources Capacity,
    Resources Allocated,
    int VmCount) : IWireMessage;

public sealed record VmView(
    VmId VmId,
    string Name,
    VmPowerState PowerState,
    HostId? Host,
    int Vcpus,
    long MemoryMb,
    bool HaEnabled,
    RestartPriority RestartPriority) : IWireMessage;

public sealed record ClusterStatus(
    ClusterId ClusterId,
    long Epoch,
    Resources Capacity,
    Resources Allocated,
    IReadOnlyList<HostView> Hosts,
    IReadOnlyList<VmView> Vms) : IWireMessage;

/// <summary>
/// A request to create a VM. QoS, HA and baseline may be left out and take defaults; the disk list and
/// sizes may not.
/// </summary>
public sealed record CreateVmRequest(
    string Name,
    int Vcpus,
    long MemoryMb,
    IReadOnlyList<VmDisk>? Disks,
    QosSpec? CpuQos = null,
    QosSpec? MemoryQos = null,
    bool HaEnabled = true,
    RestartPriority RestartPriority = RestartPriority.Medium,
    CpuFeatureSet? RequiredCpuBaseline = null) : IWireMessage
{
    /// <summary>The spec this request asks for, defaults filled in.</summary>
    public VmSpec ToSpec() => new(
        Name,
        Vcpus,
        MemoryMb,
        Disks ?? [],
        CpuQos ?? QosSpec.Default,
        MemoryQos ?? QosSpec.Default,
        HaEnabled,
        RestartPriority,
        RequiredCpuBaseline ?? CpuFeatureSet.None);

    /// <summary>The request's problems by field; the same rules as <see cref="VmSpec.Validate"/>.</summary>
    public IReadOnlyList<FieldError> Validate() => ToSpec().Validate();
}

/// <summary>What the admin API answers when it refuses a request: a summary and the fields at fault.</summary>
public sealed record ErrorResponse(string Message, IReadOnlyList<FieldError> Errors) : IWireMessage;

/// <summary>Which controller is active, as the admin API reports it.</summary>
public sealed record LeaderView(string Holder, long Epoch, bool IsActive) : IWireMessage;
