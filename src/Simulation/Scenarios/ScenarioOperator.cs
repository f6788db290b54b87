using System.Globalization;
using Cluster.Controller.Migration;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.Invariants;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Scenarios;

/// <summary>
/// The operator at the admin API during a scenario: asks the VRM (waiting for each answer, or not: <see cref="OperatorAsks"/>),
/// logs the answers, learns the VMs' ids from them, and keeps the commands the VRM acknowledged for the invariants.
/// </summary>
internal sealed class ScenarioOperator(SimulatedCluster cluster, EventLog log, OperatorAsks asks)
{
    private static readonly TimeSpan AskTimeout = SimulatedCluster.DefaultAskTimeout;

    private readonly Dictionary<string, VmId> _vms = new(StringComparer.Ordinal);
    private readonly List<PendingAsk> _pending = [];
    private readonly List<AcknowledgedCommand> _acknowledged = [];

    public IReadOnlyList<AcknowledgedCommand> Acknowledged => _acknowledged;

    public bool Waits => asks == OperatorAsks.Wait;

    /// <summary>The VM's id, known once the VRM answered for it by name.</summary>
    public bool TryGetVm(string name, out VmId vm) => _vms.TryGetValue(name, out vm);

    /// <summary>Asks the VRM and logs the answer, which follows at once or (not waiting) names <paramref name="command"/>.</summary>
    public void Ask(object question, string vm, string command)
    {
        var journalBefore = cluster.Journal.HighestSequenceNr(SimulatedCluster.Vrm);
        if (!Waits)
        {
            Send(question, command, journalBefore);
            return;
        }

        var reply = WaitForAnswer(question);
        log.Collect();
        Read(question, reply, journalBefore);
        log.Add($"< {Describe(reply, vm)}");
    }

    /// <summary>Asks the VRM without logging the answer (the datastores added at start-up).</summary>
    public void AskQuietly(object question)
    {
        if (Waits)
        {
            WaitForAnswer(question);
        }
        else
        {
            Send(question, null, cluster.Journal.HighestSequenceNr(SimulatedCluster.Vrm));
        }
    }

    /// <summary>Reads the answers that came in during the last step, in the order sent; an ask unanswered for 5 s is given up.</summary>
    public void CollectAnswers()
    {
        var waiting = 0;
        for (var i = 0; i < _pending.Count; i++)
        {
            var pending = _pending[i];
            var ask = pending.Ask;
            var answeredInTime = ask.AnsweredAt - ask.SentAt <= AskTimeout;
            if (!answeredInTime && cluster.Now - ask.SentAt <= AskTimeout)
            {
                _pending[waiting++] = pending;
                continue;
            }

            // Answered in time, or given up on as a timed-out ask is (a later answer is dropped).
            ask.Forget();
            if (answeredInTime)
            {
                Read(ask.Question, ask.Answer, pending.JournalSequenceNrBefore);
            }

            if (pending.About is not null && log.IsRecording)
            {
                log.Add($"< {pending.About}: {(answeredInTime ? Describe(ask.Answer, "answer") : "no answer within 5 s")}");
            }
        }

        _pending.RemoveRange(waiting, _pending.Count - waiting);
    }

    /// <summary>Sends without running the world. With no VRM active a standby would refuse at once, which acknowledges nothing, so nothing is sent.</summary>
    private void Send(object question, string? about, long journalBefore)
    {
        if (cluster.BeginAsk(question) is { } ask)
        {
            _pending.Add(new PendingAsk(ask, about, journalBefore));
        }
        else if (about is not null)
        {
            log.Add($"< {about}: not sent, no controller is active");
        }
    }

    private object? WaitForAnswer(object question)
    {
        if (!cluster.ControllerNames.Any(cluster.World.IsUp))
        {
            return "no controller is up";
        }

        try
        {
            return cluster.Ask<object>(question);
        }
        catch (TimeoutException)
        {
            return "no answer within 5 s";
        }
    }

    /// <summary>An answer with a view of the VM tells its id, and acknowledges the command.</summary>
    private void Read(object question, object? answer, long journalBefore)
    {
        if (answer is VmView view)
        {
            _vms[view.Name] = view.VmId;
            _acknowledged.Add(new AcknowledgedCommand(question, view, journalBefore));
        }
    }

    /// <summary>An answer as the log shows it; <paramref name="otherwise"/> leads any answer that is neither a view nor a refusal.</summary>
    private string Describe(object? reply, string otherwise) => reply switch
    {
        VmView view => $"ok: {view.Name} {view.PowerState}{(view.Host is { } host ? $" on {host}" : "")}",
        MigrationView { Kind: MigrationKind.Storage } migration => $"ok: {migration.MigrationId} {log.Name(migration.VmId)} storage on {migration.Source} {migration.FromDatastore}->{migration.Datastore} {migration.Phase}{MirrorProgress(migration)}",
        MigrationView { Kind: MigrationKind.SharedNothing or MigrationKind.Cold } migration => $"ok: {migration.MigrationId} {log.Name(migration.VmId)} {MigrationMoves.Describe(migration.Kind, migration.Source, migration.Target, migration.FromDatastore, migration.Datastore)} {migration.Phase}{(migration.Passes is null ? MirrorProgress(migration) : Progress(migration))}",
        MigrationView migration => $"ok: {migration.MigrationId} {log.Name(migration.VmId)} {migration.Source}->{migration.Target?.Value ?? "any"} {migration.Phase}{Progress(migration)}{Waiting(migration)}",
        HostView host => $"ok: {host.HostId} {host.State}{(host.Maintenance is { } line ? $" ({log.Names(line)})" : "")}",
        MigrationCancelAnswer { Cancelled: true } cancel => $"cancelled {cancel.MigrationId}: {cancel.Detail}",
        MigrationCancelAnswer cancel => $"not cancelled {cancel.MigrationId}: {cancel.Detail}",
        AdminFailure failure => $"refused ({failure.Kind}): {log.Names(failure.Error.Message)}",
        _ => $"{otherwise}: {reply}",
    };

    /// <summary>Why a request still waits in the queue.</summary>
    private string Waiting(MigrationView view) => view.Phase == MigrationPhase.Requested ? $" ({log.Names(view.LastChange ?? "")})" : "";

    /// <summary>The source's last report, as the migration's view carries it.</summary>
    private static string Progress(MigrationView view) => (view.Passes is { } passes
        ? string.Create(CultureInfo.InvariantCulture, $", pass {passes}, {view.RemainingMb} MB left, dirtying {view.DirtyRateMiBPerSecond:0.#} MiB/s, throttle {view.ThrottlePercent} %")
        : "") + Transfer(view);

    /// <summary>What the completed transfer cost, once the source reported it.</summary>
    private static string Transfer(MigrationView view) => view.TotalMs is { } total
        ? string.Create(CultureInfo.InvariantCulture, $", downtime {(view.DowntimeMs is { } downtime ? $"{downtime} ms" : "unknown")}, transfer {total} ms")
        : "";

    /// <summary>The host's last report of a storage migration's mirror, or of a cold migration's copy.</summary>
    private static string MirrorProgress(MigrationView view) => view.MirrorRemainingMb is { } left
        ? string.Create(CultureInfo.InvariantCulture, $", {left} MB not yet {(view.Kind == MigrationKind.Cold ? "copied" : "in sync")}")
        : "";

    private sealed record PendingAsk(SimAsk Ask, string? About, long JournalSequenceNrBefore);
}
