using Cluster.Messages;

namespace Cluster.Controller.Vrm.Rules;

/// <summary>
/// What a rule request must be before the rule set is even validated: its fields (named, as the admin API reports them)
/// and the seeds' limit that a VM is in at most one affinity (aggregate) rule and one anti-affinity (mutual-exclusion)
/// rule. Pure.
/// </summary>
public static class RuleRequestCheck
{
    public static IReadOnlyList<FieldError> Problems(CreateRuleRequest request, Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inventory);
        var errors = new List<FieldError>();
        if (NameRules.Problem(request.Name) is { } name)
        {
            errors.Add(new FieldError("name", name));
        }

        switch (request.Kind)
        {
            case null:
                errors.Add(new FieldError("kind", $"is required: one of {string.Join(", ", Enum.GetNames<RuleKind>())}"));
                break;
            case RuleKind.Affinity or RuleKind.AntiAffinity:
                VmVmProblems(request, inventory, errors);
                break;
            default:
                VmHostProblems(request, errors);
                break;
        }

        return errors;
    }

    /// <summary>A name another rule or group has, or a VM already in a rule of the same VM–VM kind; null when neither.</summary>
    public static AdminFailure? Conflict(RuleCreated created, RuleBook book)
    {
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(book);
        if (book.Holder(created.Name) is { } holder)
        {
            return AdminFailure.Conflict("name", $"'{created.Name}' already names a {holder}");
        }

        if (created.Vms is not { } vms)
        {
            return null;
        }

        foreach (var other in book.Rules.Where(r => r.Kind == created.Kind && r.Vms is not null))
        {
            if (vms.FirstOrDefault(v => other.Vms!.Contains(v)) is { Value: not null } shared)
            {
                var what = created.Kind == RuleKind.Affinity ? "affinity (aggregate)" : "anti-affinity (mutual-exclusion)";
                return AdminFailure.Conflict("vms", $"{shared} is already in {what} rule {other.Name}: a VM is in at most one {what} rule; change that rule instead");
            }
        }

        return null;
    }

    private static void VmVmProblems(CreateRuleRequest request, Inventory inventory, List<FieldError> errors)
    {
        if (request.VmGroup is not null || request.HostGroup is not null)
        {
            errors.Add(new FieldError(request.VmGroup is not null ? "vmGroup" : "hostGroup", $"a {request.Kind} rule names its VMs in \"vms\", not groups"));
        }

        if (request.Vms is not { } vms || vms.Distinct().Count() < 2)
        {
            errors.Add(new FieldError("vms", "must name at least two different VMs"));
            return;
        }

        for (var i = 0; i < vms.Count; i++)
        {
            if (inventory.Vm(vms[i]) is null)
            {
                errors.Add(new FieldError($"vms[{i}]", $"no VM '{vms[i]}'"));
            }
        }
    }

    private static void VmHostProblems(CreateRuleRequest request, List<FieldError> errors)
    {
        if (request.Vms is not null)
        {
            errors.Add(new FieldError("vms", $"a {request.Kind} rule names a VM group in \"vmGroup\", not VMs"));
        }

        if (string.IsNullOrEmpty(request.VmGroup))
        {
            errors.Add(new FieldError("vmGroup", $"is required for a {request.Kind} rule"));
        }

        if (string.IsNullOrEmpty(request.HostGroup))
        {
            errors.Add(new FieldError("hostGroup", $"is required for a {request.Kind} rule"));
        }
    }
}
