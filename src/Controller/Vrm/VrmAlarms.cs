using Cluster.Controller.Alarms;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// The VRM's side of the alarm book: conditions observed become alarms once (the book, rebuilt from the journal,
/// knows what is already active, also after a takeover), every applied inventory event lets the book clear what has
/// ended, and operators list and acknowledge.
/// </summary>
public sealed class VrmAlarms(VrmState state)
{
    private AlarmBook Book => state.Inventory.Alarms;

    public void Raise(Decision decision, AlarmCondition condition, bool countRepeat = false)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Book.Observe(condition, decision.Now, countRepeat) is { } @event)
        {
            decision.Record(@event);
        }
    }

    public void Clear(Decision decision, string kind, AlarmObject subject, string reason)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Book.Clear(kind, subject, reason, decision.Now) is { } cleared)
        {
            decision.Record(cleared);
        }
    }

    /// <summary>Clears every active alarm whose condition the inventory shows has ended.</summary>
    public void Settle(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Book.Active.Count == 0)
        {
            return;
        }

        foreach (var cleared in Book.Settle(alarm => AlarmRules.EndedBecause(alarm, state.Inventory), decision.Now))
        {
            decision.Record(cleared);
        }
    }

    /// <summary>Unexpected-VM alarms related to this host end when its heartbeat no longer reports the VM.</summary>
    public void ClearUnexpectedNoLongerReported(Decision decision, HostId host, HashSet<VmId> unexpectedNow)
    {
        if (Book.Active.Count == 0)
        {
            return;
        }

        List<VmId>? gone = null;
        foreach (var alarm in Book.Active)
        {
            if (alarm.Kind == AlarmKinds.UnexpectedVm && alarm.Related?.Id == host.Value && !unexpectedNow.Contains(VmId.From(alarm.Object.Id)))
            {
                (gone ??= []).Add(VmId.From(alarm.Object.Id));
            }
        }

        foreach (var vm in gone ?? [])
        {
            Clear(decision, AlarmKinds.UnexpectedVm, AlarmObject.Vm(vm), $"host {host} no longer reports VM {vm}");
        }
    }

    public void List(Decision decision, ListAlarms list) =>
        decision.Reply(new AlarmList([.. (list.IncludeCleared ? Book.All : Book.Active).Select(a => a.ToView())]));

    public void Get(Decision decision, GetAlarm get) =>
        decision.Reply(Book.Find(get.AlarmId) is { } alarm ? alarm.ToView() : AdminFailure.NotFound("alarmId", $"alarm {get.AlarmId}"));

    public void Acknowledge(Decision decision, AcknowledgeAlarm ack)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var (acknowledged, refusal, found) = Book.Acknowledge(ack.AlarmId, ack.By, decision.Now);
        if (refusal is not null)
        {
            decision.Reply(found ? AdminFailure.Conflict("alarmId", refusal) : AdminFailure.NotFound("alarmId", $"alarm {ack.AlarmId}"));
            return;
        }

        var sender = decision.From;
        if (acknowledged is null)
        {
            // Already acknowledged: nothing new to store; the answer shows who did it and when.
            decision.Reply(Book.Find(ack.AlarmId)!.ToView());
            return;
        }

        decision.Record(acknowledged, _ => decision.Step.Send(sender, Book.Find(ack.AlarmId)!.ToView()));
    }
}
