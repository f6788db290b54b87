using Cluster.Controller.Vrm.Migrations;
using Cluster.Messages;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// A migration's reservation on its target is taken once and released exactly once, by the journal: every
/// <see cref="MigrationAdmitted"/> has a new id and a VM with no other open migration, every phase change is of an
/// admitted migration that has not ended, and each admitted migration ends with exactly one terminal phase change
/// (Completed, RolledBack or Failed). The VRM's own book (<see cref="MigrationBook"/>, whose open migrations are the
/// reservations every plan counts) folded from the same events must hold exactly the open ones. That each admitted one
/// has ended once the cluster settles is <see cref="NoMigrationOpenWhenSettled"/>'s. A request that waited in the queue
/// (<see cref="MigrationRequested"/>) reserves nothing: it is either admitted under its id or dropped (Requested to
/// Failed), once.
/// </summary>
public sealed class MigrationReservationsReleasedOnce : IInvariant
{
    private readonly Dictionary<MigrationId, VmId> _open = [];
    private readonly HashSet<MigrationId> _ended = [];
    private readonly HashSet<MigrationId> _queued = [];
    private readonly HashSet<VmId> _vmsMigrating = [];
    private readonly MigrationBook _book = new();
    private int _folded;

    public string Name => "migration-reservations-released-once";

    public InvariantScope Scope => InvariantScope.EveryStep;

    public string? Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var events = context.Cluster.JournalSoFar();
        List<string>? problems = null;
        var migrationEvents = false;
        for (var i = _folded; i < events.Count; i++)
        {
            if (events[i] is not IMigrationEvent migration)
            {
                continue;
            }

            migrationEvents = true;
            if (Problem(context, migration) is { } problem)
            {
                (problems ??= []).Add(problem);
            }

            _book.Apply(migration);
        }

        _folded = events.Count;

        if (migrationEvents && !BookHoldsTheOpenOnes())
        {
            (problems ??= []).Add($"the VRM's book has open [{string.Join(", ", _book.Open.Select(m => m.Admitted.MigrationId))}] but the journal [{string.Join(", ", _open.Keys.Order())}]");
        }

        return problems is null ? null : Problems.Describe(problems);
    }

    private string? Problem(InvariantContext context, IMigrationEvent migration)
    {
        switch (migration)
        {
            case MigrationRequested requested when !_queued.Add(requested.MigrationId) || _open.ContainsKey(requested.MigrationId) || _ended.Contains(requested.MigrationId):
                return $"{requested.MigrationId} is requested under an id already used";
            case MigrationRequested:
                return null;
            case MigrationPhaseChanged { From: MigrationPhase.Requested, To: MigrationPhase.Failed } dropped when _queued.Remove(dropped.MigrationId):
                _ended.Add(dropped.MigrationId);
                return null;
            case MigrationPhaseChanged changed when _queued.Contains(changed.MigrationId):
                return $"{changed.MigrationId} changed {changed.From}->{changed.To} while it waited in the queue, not admitted";
            case MigrationAdmitted admitted:
                return Admit(context, admitted);
            case MigrationPhaseChanged changed when _ended.Contains(changed.MigrationId):
                return $"{changed.MigrationId} changed {changed.From}->{changed.To} after it had ended (its reservation was already released)";
            case MigrationPhaseChanged changed when !_open.ContainsKey(changed.MigrationId):
                return $"{changed.MigrationId} changed {changed.From}->{changed.To} but was never admitted";
            case MigrationPhaseChanged { To: MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed } ended:
                _open.Remove(ended.MigrationId, out var vm);
                _vmsMigrating.Remove(vm);
                _ended.Add(ended.MigrationId);
                return null;
            default:
                return null;
        }
    }

    /// <summary>A new id (or a queued request's own), for a VM with no other open migration.</summary>
    private string? Admit(InvariantContext context, MigrationAdmitted admitted)
    {
        _queued.Remove(admitted.MigrationId);
        if (_open.ContainsKey(admitted.MigrationId) || _ended.Contains(admitted.MigrationId))
        {
            return $"{admitted.MigrationId} is admitted a second time";
        }

        _open[admitted.MigrationId] = admitted.VmId;
        return _vmsMigrating.Add(admitted.VmId) ? null : $"{admitted.MigrationId} reserves for {context.VmName(admitted.VmId)}, which already has an open migration";
    }

    private bool BookHoldsTheOpenOnes()
    {
        if (_book.Open.Count != _open.Count)
        {
            return false;
        }

        foreach (var open in _book.Open)
        {
            if (!_open.ContainsKey(open.Admitted.MigrationId))
            {
                return false;
            }
        }

        return true;
    }
}
