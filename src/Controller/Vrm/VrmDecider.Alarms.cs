using Cluster.Controller.Alarms;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>
/// The alarm inventory's side of the VRM: conditions observed become alarms once (the book, rebuilt from
/// the journal, knows what is already active, also after a takeover), every applied event lets the book
/// clear what has ended, and operators list and acknowledge.
/// </summary>
public sealed partial class VrmDecider
{
    private void RaiseAlarm(AlarmCondition condition, bool countRepeat = false)
    {
        if (_inventory.Alarms.Observe(condition, _now, countRepeat) is { } @event)
        {
            Record(@event);
        }
    }

    private void ClearAlarm(string kind, AlarmObject subject, string reason)
    {
        if (_inventory.Alarms.Clear(kind, subject, reason, _now) is { } cleared)
        {
            Record(cleared);
        }
    }

    /// <summary>Clears every active alarm whose condition the inventory shows has ended.</summary>
    private void SettleAlarms()
    {
        if (_inventory.Alarms.Active.Count == 0)
        {
            return;
        }

        foreach (var cleared in _inventory.Alarms.Settle(alarm => AlarmRules.EndedBecause(alarm, _inventory), _now))
        {
            Record(cleared);
        }
    }

    /// <summary>Unexpected-VM alarms related to this host end when its heartbeat no longer reports the VM.</summary>
    private void ClearUnexpectedNoLongerReported(HostId host, HashSet<VmId> unexpectedNow)
    {
        if (_inventory.Alarms.Active.Count == 0)
        {
            return;
        }

        List<VmId>? gone = null;
        foreach (var alarm in _inventory.Alarms.Active)
        {
            if (alarm.Kind == AlarmKinds.UnexpectedVm && alarm.Related?.Id == host.Value && !unexpectedNow.Contains(VmId.From(alarm.Object.Id)))
            {
                (gone ??= []).Add(VmId.From(alarm.Object.Id));
            }
        }

        foreach (var vm in gone ?? [])
        {
            ClearAlarm(AlarmKinds.UnexpectedVm, AlarmObject.Vm(vm), $"host {host} no longer reports VM {vm}");
        }
    }

    private bool HandleAlarmAdmin(object message)
    {
        switch (message)
        {
            case ListAlarms list:
                _step.Send(_from, new AlarmList([.. (list.IncludeCleared ? _inventory.Alarms.All : _inventory.Alarms.Active).Select(a => a.ToView())]));
                return true;
            case GetAlarm get:
                _step.Send(_from, _inventory.Alarms.Find(get.AlarmId) is { } alarm ? alarm.ToView() : AdminFailure.NotFound("alarmId", $"alarm {get.AlarmId}"));
                return true;
            case AcknowledgeAlarm ack:
                OnAcknowledge(ack);
                return true;
            default:
                return false;
        }
    }

    private void OnAcknowledge(AcknowledgeAlarm ack)
    {
        var (acknowledged, refusal, found) = _inventory.Alarms.Acknowledge(ack.AlarmId, ack.By, _now);
        if (refusal is not null)
        {
            _step.Send(_from, found ? AdminFailure.Conflict("alarmId", refusal) : AdminFailure.NotFound("alarmId", $"alarm {ack.AlarmId}"));
            return;
        }

        var sender = _from;
        if (acknowledged is null)
        {
            // Already acknowledged: nothing new to store; the answer shows who did it and when.
            _step.Send(sender, _inventory.Alarms.Find(ack.AlarmId)!.ToView());
            return;
        }

        Record(acknowledged, _ => _step.Send(sender, _inventory.Alarms.Find(ack.AlarmId)!.ToView()));
    }
}
