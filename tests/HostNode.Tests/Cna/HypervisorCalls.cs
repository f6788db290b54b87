using Cluster.Deciders.Testing;
using Cluster.HostNode.Hypervisor;

namespace Cluster.HostNode.Tests.Cna;

internal static class HypervisorCalls
{
    /// <summary>The hypervisor operations <paramref name="step"/> asked for, in order.</summary>
    public static IEnumerable<HypervisorOperation> HypervisorCallsOf(this DecidedStep step) =>
        step.EffectsOf<PerformHypervisorOperation>().Select(p => p.Operation);
}
