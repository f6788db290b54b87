using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;
using Cluster.Runtime.Deciders;

namespace Cluster.HostNode.Node;

/// <summary>
/// Runs the CNA's and the VM agents' effects under Akka: hypervisor calls at once (their results are decided before
/// the next message, as the calls were inline before the deciders), storage-lease I/O asynchronously, each answer
/// noted in the <see cref="LeaseLedger"/>. A datastore probe goes to the datastore actors when <paramref name="probe"/>
/// is given; their reports come back to the CNA as messages. <see cref="LeaveForGood"/> goes to <paramref name="leave"/>.
/// </summary>
public sealed class HostEffectRunner(HypervisorEffectRunner hypervisor, StorageLeaseEffectRunner? storage, LeaseLedger ledger, Action<ProbeDatastores>? probe = null, Action<LeaveForGood>? leave = null) : IEffectRunner
{
    public ValueTask<object> Run(object effect)
    {
        switch (effect)
        {
            case PerformHypervisorOperation request:
                var result = hypervisor.Run(request);
                ledger.Record(request, result);
                return new ValueTask<object>(result);
            case ProbeDatastores datastores when probe is not null:
                probe(datastores);
                return new ValueTask<object>(NoAnswer.Instance);
            case LeaveForGood goodbye when leave is not null:
                leave(goodbye);
                return new ValueTask<object>(NoAnswer.Instance);
            case var _ when StorageLeaseEffectRunner.Handles(effect):
                return new ValueTask<object>(StoreAsync(effect));
            default:
                throw new NotSupportedException($"The host node runs no effect {effect.GetType().Name} (isolation detection needs IsolationResponse.LeaveRunning under Akka).");
        }
    }

    private async Task<object> StoreAsync(object effect)
    {
        var store = storage ?? throw new InvalidOperationException($"Effect {effect} needs a storage-lease store, and this host has none.");
        var answer = await store.RunAsync(effect).ConfigureAwait(false);
        ledger.Record(effect, answer);
        return answer ?? NoAnswer.Instance;
    }
}
