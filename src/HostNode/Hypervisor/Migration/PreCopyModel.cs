namespace Cluster.HostNode.Hypervisor.Migration;

/// <summary>
/// QEMU's pre-copy live migration as a pure function of its parameters: no clock, no randomness. Pass 1 sends all
/// memory; each later pass sends what the guest dirtied during the one before; it switches over once the remainder
/// fits the downtime limit; auto-converge throttles the guest by QEMU's rule. See docs/migration-model.md.
/// </summary>
public static class PreCopyModel
{
    public static PreCopyResult Run(PreCopyParameters parameters) => PreCopyProgress.Start(parameters).RunToEnd().Result!;
}
