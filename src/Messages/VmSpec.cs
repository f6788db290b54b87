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
    bool RequiresNumaFit = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<VmNic>? Nics = null)
{
    public const int MaxNameLength = VmLimits.MaxNameLength;
    public const int MaxVcpus = VmLimits.MaxVcpus;

    /// <summary>
    /// The datastore of the first disk: the VM's storage write-lease lives there. A valid spec always has a
    /// disk; "none" only keeps an invalid one from throwing where the lease is looked up.
    /// </summary>
    [JsonIgnore]
    public DatastoreId PrimaryDatastore => Disks.Count > 0 ? Disks[0].Datastore : DatastoreId.From("none");

    /// <summary>Every problem with this spec, by field (camelCase, as in JSON), limits of <see cref="VmLimits"/> included. Empty when valid.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if ((NameRules.Problem(Name) ?? IdShapedNameProblem(Name)) is { } nameProblem)
        {
            errors.Add(new FieldError("name", nameProblem));
        }

        if (VmLimits.RangeProblem(Vcpus, 1, VmLimits.MaxVcpus) is { } vcpus)
        {
            errors.Add(new FieldError("vcpus", vcpus));
        }

        if (VmLimits.RangeProblem(MemoryMb, 1, VmLimits.MaxMemoryMb) is { } memory)
        {
            errors.Add(new FieldError("memoryMb", memory));
        }

        AddDiskErrors(errors);
        errors.AddRange(NicErrors(Nics, "nics"));
        AddQosErrors(errors);
        AddBaselineErrors(errors);
        return errors;
    }

    /// <summary>
    /// A name shaped like an id the controller hands out (vm-0021, mig-0003) is refused: commands take a name or an
    /// id, and a VM named like another VM's id would make one of them unreachable by the other.
    /// </summary>
    private static string? IdShapedNameProblem(string name)
    {
        foreach (var prefix in IssuedIdPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length - prefix.Length >= IssuedIdMinDigits && name[prefix.Length..].All(char.IsAsciiDigit))
            {
                return $"must not look like an id the controller gives ('{prefix}' and {IssuedIdMinDigits} or more digits)";
            }
        }

        return null;
    }

    private static readonly string[] IssuedIdPrefixes = ["vm-", "mig-"];

    private const int IssuedIdMinDigits = 4;

    private void AddDiskErrors(List<FieldError> errors)
    {
        if (Disks is null || Disks.Count == 0)
        {
            errors.Add(new FieldError("disks", "at least one disk is required"));
            return;
        }

        if (Disks.Count > VmLimits.MaxDisks)
        {
            // One error, not one per disk: a 150,000-disk request must not produce a 150,000-line answer.
            errors.Add(new FieldError("disks", $"must have at most {VmLimits.MaxDisks} disks, got {Disks.Count}"));
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
            else if (disk.Datastore.Value.Length > VmLimits.MaxNameLength)
            {
                errors.Add(new FieldError($"disks[{i}].datastore", $"must be at most {VmLimits.MaxNameLength} characters"));
            }

            if (VmLimits.RangeProblem(disk.SizeGb, 1, VmLimits.MaxDiskSizeGb) is { } size)
            {
                errors.Add(new FieldError($"disks[{i}].sizeGb", size));
            }
        }
    }

    /// <summary>The problems of a NIC list named <paramref name="field"/> (at most <see cref="VmLimits.MaxNics"/>, each on a validly named network).</summary>
    public static IEnumerable<FieldError> NicErrors(IReadOnlyList<VmNic>? nics, string field)
    {
        if (nics is null)
        {
            yield break;
        }

        if (nics.Count > VmLimits.MaxNics)
        {
            yield return new FieldError(field, $"must have at most {VmLimits.MaxNics} NICs, got {nics.Count}");
            yield break;
        }

        for (var i = 0; i < nics.Count; i++)
        {
            if (nics[i] is not { } nic)
            {
                yield return new FieldError($"{field}[{i}]", "is required");
            }
            else if (NameRules.Problem(nic.Network) is { } problem)
            {
                yield return new FieldError($"{field}[{i}].network", problem);
            }
        }
    }

    private void AddBaselineErrors(List<FieldError> errors)
    {
        if (RequiredCpuBaseline is null)
        {
            errors.Add(new FieldError("requiredCpuBaseline", "is required"));
            return;
        }

        if (RequiredCpuBaseline.Vendor.Length > VmLimits.MaxNameLength)
        {
            errors.Add(new FieldError("requiredCpuBaseline.vendor", $"must be at most {VmLimits.MaxNameLength} characters"));
        }

        if (RequiredCpuBaseline.Features.Count > VmLimits.MaxCpuFeatures)
        {
            errors.Add(new FieldError("requiredCpuBaseline.features", $"must have at most {VmLimits.MaxCpuFeatures} features, got {RequiredCpuBaseline.Features.Count}"));
        }
        else if (RequiredCpuBaseline.Features.FirstOrDefault(f => f.Length is 0 || f.Length > VmLimits.MaxNameLength) is { } bad)
        {
            errors.Add(new FieldError("requiredCpuBaseline.features", $"each feature must have 1 to {VmLimits.MaxNameLength} characters, got '{bad[..Math.Min(bad.Length, VmLimits.MaxNameLength)]}'"));
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
            errors.AddRange(CpuQos.Validate("cpuQos", VmLimits.MaxCpuMhz));
        }

        if (MemoryQos is null)
        {
            errors.Add(new FieldError("memoryQos", "is required"));
            return;
        }

        errors.AddRange(MemoryQos.Validate("memoryQos", VmLimits.MaxMemoryMb));
        if (MemoryMb > 0 && MemoryQos.Reservation > MemoryMb)
        {
            errors.Add(new FieldError("memoryQos.reservation", $"must not exceed the VM's memory ({MemoryMb} MB)"));
        }
    }
}
