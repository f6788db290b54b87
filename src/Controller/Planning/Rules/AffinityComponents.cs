using Cluster.Messages;

namespace Cluster.Controller.Planning.Rules;

/// <summary>
/// VMs joined by affinity rules, transitively (union–find): each component must share one host, so
/// the planners move it as one unit and the validator checks its rules as one.
/// </summary>
internal sealed class AffinityComponents
{
    private readonly Dictionary<VmId, VmId> parent = [];

    public AffinityComponents(IEnumerable<VmVmRule> rules)
    {
        foreach (var rule in rules.Where(r => r.Kind == VmVmRuleKind.Affinity))
        {
            VmId? first = null;
            foreach (var vm in rule.Vms)
            {
                parent.TryAdd(vm, vm);
                if (first is { } root)
                {
                    Union(root, vm);
                }
                else
                {
                    first = vm;
                }
            }
        }
    }

    /// <summary>True when an affinity rule names <paramref name="vm"/>.</summary>
    public bool IsGrouped(VmId vm) => parent.ContainsKey(vm);

    /// <summary>The representative of <paramref name="vm"/>'s component (itself when it has no affinity).</summary>
    public VmId Find(VmId vm)
    {
        // A VM no affinity rule names is its own component; it is not added, so asking about
        // every VM of a large cluster costs no memory.
        if (!parent.TryGetValue(vm, out var p) || p == vm)
        {
            return vm;
        }

        var root = Find(p);
        parent[vm] = root;
        return root;
    }

    private void Union(VmId a, VmId b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra != rb)
        {
            // The lower id represents the component, so every message naming it is reproducible.
            var (low, high) = ra.CompareTo(rb) <= 0 ? (ra, rb) : (rb, ra);
            parent[high] = low;
        }
    }
}
