using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>
/// What a VM is: its size, disks, QoS, HA settings and the CPU baseline it needs. Immutable; a change
/// of spec is a new spec. <see cref="RequiresNumaFit"/> asks the planners to place the VM only on hosts
/// where it fits in one NUMA node (a socket); it defaults to false, so older journals and clients read alike.
/// </summary>
public sealed record VmSpec(
    string Name,
    int Vcpus,
    long MemoryMb,
    IReadOnlyList<VmDisk> Disks,
    QosSpec CpuQos,
    QosSpec MemoryQos,
    bool HaEnabled,
    RestartPriority RestartPriority,
    CpuFeatureSet RequiredCpuBaseline,
    bool RequiresNumaFit = false)
{
    public const int MaxNameLength = NameRules.MaxLength;
    public const int MaxVcpus = 256;

    /// <summary>
    /// The datastore of the first disk: the VM's storage write-lease lives there. A valid spec always has a
    /// disk; "none" only keeps an invalid one from throwing where the lease is looked up.
    /// </summary>
    [JsonIgnore]
    public DatastoreId PrimaryDatastore => Disks.Count > 0 ? Disks[0].Datastore : DatastoreId.From("none");

    /// <summary>Every problem with this spec, by field (camelCase, as in JSON). Empty when valid.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (NameRules.Problem(Name) is { } nameProblem)
        {
            errors.Add(new FieldError("name", nameProblem));
        }

        if (Vcpus is < 1 or > MaxVcpus)
        {
            errors.Add(new FieldError("vcpus", $"must be between 1 and {MaxVcpus}"));
        }

        if (MemoryMb <= 0)
        {
            errors.Add(new FieldError("memoryMb", "must be greater than 0"));
        }

        AddDiskErrors(errors);
        AddQosErrors(errors);
        if (RequiredCpuBaseline is null)
        {
            errors.Add(new FieldError("requiredCpuBaseline", "is required"));
        }

        return errors;
    }

    private void AddDiskErrors(List<FieldError> errors)
    {
        if (Disks is null || Disks.Count == 0)
        {
            errors.Add(new FieldError("disks", "at least one disk is required"));
            return;
        }

        for (var i = 0; i < Disks.Count; i++)
        {
            if (Disks[i] is not { } disk)
            {
                errors.Add(new FieldError($"disks[{i}]", "is required"));
                continue;
            }

            if (disk.Datastore.Value is null)
            {
                errors.Add(new FieldError($"disks[{i}].datastore", "is required"));
            }

            if (disk.SizeGb <= 0)
            {
                errors.Add(new FieldError($"disks[{i}].sizeGb", "must be greater than 0"));
            }
        }
    }

    private void AddQosErrors(List<FieldError> errors)
    {
        if (CpuQos is null)
        {
            errors.Add(new FieldError("cpuQos", "is required"));
        }
        else
        {
            errors.AddRange(CpuQos.Validate("cpuQos"));
        }

        if (MemoryQos is null)
        {
            errors.Add(new FieldError("memoryQos", "is required"));
            return;
        }

        errors.AddRange(MemoryQos.Validate("memoryQos"));
        if (MemoryMb > 0 && MemoryQos.Reservation > MemoryMb)
        {
            errors.Add(new FieldError("memoryQos.reservation", $"must not exceed the VM's memory ({MemoryMb} MB)"));
        }
    }
}
