using Cluster.Messages;

namespace Cluster.Controller.Vrm.Maintenance;

/// <summary>How many times an evacuation asked to move one VM off one host; the bound on retrying a rolled-back move.</summary>
public sealed record EvacuationAttempt(HostId Host, VmId Vm, int Attempts);

/// <summary>
/// The evacuations' memory, folded from the journal so that a VRM taking over mid-evacuation retries no more than its
/// predecessor would have: every maintenance request counts one attempt for its VM and source host, and the count is
/// forgotten when the host leaves EnteringMaintenance.
/// </summary>
public sealed class EvacuationAttempts
{
    private readonly SortedDictionary<(HostId Host, VmId Vm), int> _attempts = [];

    public int Of(HostId host, VmId vm) => _attempts.GetValueOrDefault((host, vm));

    public void Apply(IWireMessage @event)
    {
        switch (@event)
        {
            case MigrationRequested { Priority: MigrationPriority.Maintenance } requested:
                _attempts[(requested.Source, requested.VmId)] = Of(requested.Source, requested.VmId) + 1;
                break;
            case HostStateChanged { From: HostState.EnteringMaintenance } left:
                foreach (var key in _attempts.Keys.Where(k => k.Host == left.HostId).ToList())
                {
                    _attempts.Remove(key);
                }

                break;
        }
    }

    public IReadOnlyList<EvacuationAttempt> ToSnapshot() => [.. _attempts.Select(a => new EvacuationAttempt(a.Key.Host, a.Key.Vm, a.Value))];

    public void Restore(IReadOnlyList<EvacuationAttempt>? attempts)
    {
        _attempts.Clear();
        foreach (var attempt in attempts ?? [])
        {
            _attempts[(attempt.Host, attempt.Vm)] = attempt.Attempts;
        }
    }
}
