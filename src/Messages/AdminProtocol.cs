using System.Text.Json.Serialization;

namespace Cluster.Messages;

// DTOs shared by the controller's admin JSON API and the admin shell.

/// <summary>
/// A host. Allocated is what placed VMs reserve; Used is what the host last reported in a heartbeat (null
/// before this controller heard it). The detail fields (hardware, datastores with their health, VMs, last
/// heartbeat) were added later and are optional.
/// </summary>
public sealed record HostView(
    HostId HostId,
    string Address,
    HostState State,
    Resources Capacity,
    Resources Allocated,
    int VmCount,
    Resources? Used = null,
    HostHardware? Hardware = null,
    IReadOnlyList<DatastoreHealth>? Datastores = null,
    IReadOnlyList<VmId>? Vms = null,
    DateTimeOffset? LastHeartbeat = null,
    string? Maintenance = null) : IWireMessage;

/// <summary>A VM. The detail fields (disks, QoS, incarnation, recent hosts newest first, NICs when it has any) were added later and are optional.</summary>
public sealed record VmView(
    VmId VmId,
    string Name,
    VmPowerState PowerState,
    HostId? Host,
    int Vcpus,
    long MemoryMb,
    bool HaEnabled,
    RestartPriority RestartPriority,
    IReadOnlyList<VmDisk>? Disks = null,
    QosSpec? CpuQos = null,
    QosSpec? MemoryQos = null,
    long Incarnation = 0,
    IReadOnlyList<HostVisit>? HostHistory = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<VmNic>? Nics = null) : IWireMessage;

/// <summary>
/// POST /api/vms/{id}/reconfigure: what to change; fields left out stay as they are. A running VM is changed live: HA,
/// priority and QoS at once, vCPUs and memory only upwards (hot-add), disks only larger, NICs only added.
/// </summary>
public sealed record ReconfigureVmRequest(
    bool? HaEnabled = null,
    RestartPriority? RestartPriority = null,
    QosSpec? CpuQos = null,
    QosSpec? MemoryQos = null,
    int? Vcpus = null,
    long? MemoryMb = null,
    IReadOnlyList<DiskGrowth>? Disks = null,
    IReadOnlyList<VmNic>? AddNics = null) : IWireMessage
{
    /// <summary>The fields a request may name, as the error for an empty one lists them.</summary>
    public const string FieldNames = "haEnabled, restartPriority, cpuQos, memoryQos, vcpus, memoryMb, disks, addNics";

    /// <summary>The spec with this request's changes; disk entries whose index the spec lacks are left out (<see cref="DiskErrors"/> names them).</summary>
    public VmSpec ApplyTo(VmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var disks = spec.Disks.ToArray();
        foreach (var growth in Disks ?? [])
        {
            if (growth is not null && growth.Index >= 0 && growth.Index < disks.Length)
            {
                disks[growth.Index] = disks[growth.Index] with { SizeGb = growth.SizeGb };
            }
        }

        IReadOnlyList<VmNic>? nics = AddNics is { Count: > 0 } added ? [.. spec.Nics ?? [], .. added] : spec.Nics;
        return spec with
        {
            HaEnabled = HaEnabled ?? spec.HaEnabled,
            RestartPriority = RestartPriority ?? spec.RestartPriority,
            CpuQos = CpuQos ?? spec.CpuQos,
            MemoryQos = MemoryQos ?? spec.MemoryQos,
            Vcpus = Vcpus ?? spec.Vcpus,
            MemoryMb = MemoryMb ?? spec.MemoryMb,
            Disks = disks,
            Nics = nics,
        };
    }

    /// <summary>
    /// What is wrong with the disk entries against the VM's <paramref name="spec"/>: an index it has no disk at, a disk
    /// named twice, a size smaller than the disk's (a disk is never shrunk: the guest's file system would lose its end).
    /// </summary>
    public IReadOnlyList<FieldError> DiskErrors(VmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<FieldError>();
        var named = new HashSet<int>();
        for (var i = 0; i < (Disks?.Count ?? 0); i++)
        {
            if (Disks![i] is not { } growth)
            {
                errors.Add(new FieldError($"disks[{i}]", "is required"));
            }
            else if (growth.Index < 0 || growth.Index >= spec.Disks.Count)
            {
                errors.Add(new FieldError($"disks[{i}].index", $"the VM has no disk {growth.Index} (it has {spec.Disks.Count}, numbered from 0)"));
            }
            else if (!named.Add(growth.Index))
            {
                errors.Add(new FieldError($"disks[{i}].index", $"disk {growth.Index} is named twice"));
            }
            else if (growth.SizeGb < spec.Disks[growth.Index].SizeGb)
            {
                errors.Add(new FieldError($"disks[{i}].sizeGb", $"must be at least {spec.Disks[growth.Index].SizeGb} GB, disk {growth.Index}'s size: a disk is never shrunk"));
            }
        }

        return errors;
    }

    public bool IsEmpty => HaEnabled is null && RestartPriority is null && CpuQos is null && MemoryQos is null
        && Vcpus is null && MemoryMb is null && Disks is not { Count: > 0 } && AddNics is not { Count: > 0 };
}

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
    CpuFeatureSet? RequiredCpuBaseline = null,
    bool RequiresNumaFit = false) : IWireMessage
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
        RequiredCpuBaseline ?? CpuFeatureSet.None,
        RequiresNumaFit);

    /// <summary>The request's problems by field; the same rules as <see cref="VmSpec.Validate"/>.</summary>
    public IReadOnlyList<FieldError> Validate() => ToSpec().Validate();
}

/// <summary>Why the VRM refused an admin command: a summary and the fields at fault. The admin API answers it as a <see cref="ProblemResponse"/>.</summary>
public sealed record ErrorResponse(string Message, IReadOnlyList<FieldError> Errors) : IWireMessage;

/// <summary>
/// Every error answer of the admin API, as RFC 9457 problem details (<c>application/problem+json</c>):
/// <paramref name="Type"/> a URI naming the kind of problem, <paramref name="Title"/> its short summary
/// (the same for every problem of a type), <paramref name="Status"/> the HTTP status, <paramref name="Detail"/>
/// what happened this time, and the <paramref name="Errors"/> extension: each field at fault and why.
/// </summary>
public sealed record ProblemResponse(string Type, string Title, int Status, string Detail, IReadOnlyList<FieldError> Errors) : IWireMessage
{
    public const string ContentType = "application/problem+json";
}

/// <summary>
/// Which controller is active, as the admin API reports it. <paramref name="SingletonAt"/> is where cluster
/// membership says the VRM singleton runs (the oldest Up controller), so a standby that has not seen the lease
/// can still name the active one; null when this controller does not run on Akka.Cluster.
/// </summary>
public sealed record LeaderView(string Holder, long Epoch, bool IsActive, string? SingletonAt = null) : IWireMessage;

/// <summary>
/// POST /api/vms/{id}/migrate: move a running VM live; without a host, placement picks one. With only a datastore, the
/// VM's disks move there while it runs on (a storage migration).
/// </summary>
public sealed record MigrateVmRequest(HostId? Host = null, DatastoreId? Datastore = null) : IWireMessage;

/// <summary>
/// A migration as operators see it: its kind, phase, why it is there, and the source's last progress report. A request
/// still waiting in the queue (phase Requested) has <paramref name="Target"/> null unless the requester named one, and
/// <paramref name="AdmittedAt"/> is when it was asked for. A storage migration names the datastore its disks leave
/// (<paramref name="FromDatastore"/>) and the one they go to, and the mirror's remainder.
/// </summary>
public sealed record MigrationView(
    MigrationId MigrationId,
    VmId VmId,
    HostId Source,
    HostId? Target,
    MigrationPhase Phase,
    string Reason,
    DateTimeOffset AdmittedAt,
    string? LastChange = null,
    int? Passes = null,
    long? RemainingMb = null,
    double? DirtyRateMiBPerSecond = null,
    int? ThrottlePercent = null,
    MigrationPriority? Priority = null,
    long? DowntimeMs = null,
    long? TotalMs = null,
    MigrationKind Kind = MigrationKind.Live,
    DatastoreId? FromDatastore = null,
    DatastoreId? Datastore = null,
    long? MirrorRemainingMb = null) : IWireMessage;

public sealed record MigrationList(IReadOnlyList<MigrationView> Migrations) : IWireMessage;
