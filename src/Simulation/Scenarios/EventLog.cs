using System.Globalization;
using System.Text.RegularExpressions;
using Cluster.Messages;

namespace Cluster.Simulation.Scenarios;

/// <summary>
/// The scenario's log: every VRM journal event as one line with its virtual time since the cluster was
/// built (or since <paramref name="start"/>, a time of the cluster's clock), VMs shown by name; commands (<c>&gt;</c>) and the controller's
/// answers (<c>&lt;</c>) in between.
/// </summary>
public sealed partial class EventLog(SimulatedCluster cluster, TimeSpan? start = null)
{
    private readonly TimeSpan _start = start ?? cluster.Now;
    private readonly Dictionary<VmId, string> _names = [];
    private readonly Dictionary<string, AlarmRaised> _alarms = [];
    private readonly List<string> _lines = [];
    private long _lastSequenceNr;

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>False for a run nobody reads (a randomized run that passes): nothing is formatted or kept.</summary>
    public bool IsRecording { get; init; } = true;

    public TimeSpan Elapsed => cluster.Now - _start;

    /// <summary>The VM's name if it was created in this run, else its id.</summary>
    public string Name(VmId vm) => _names.TryGetValue(vm, out var name) ? name : vm.Value;

    public void Add(string text)
    {
        if (IsRecording)
        {
            _lines.Add($"{Durations.Clock(Elapsed)} {text}");
        }
    }

    /// <summary>Appends the journal's events since the last call, each at the time it was stored.</summary>
    public void Collect()
    {
        if (!IsRecording)
        {
            return;
        }

        foreach (var stored in cluster.Journal.Read(SimulatedCluster.Vrm, _lastSequenceNr))
        {
            _lastSequenceNr = stored.SequenceNr;
            var @event = stored.Event;
            if (@event is VmCreated created)
            {
                _names[created.VmId] = created.Spec.Name;
            }

            if (@event is AlarmRaised raised)
            {
                _alarms[raised.AlarmId] = raised;
            }

            _lines.Add($"{Durations.Clock(stored.StoredAt - _start)} {Describe(@event)}");
        }
    }

    /// <summary>Replaces VM ids (vm-0001) in free text by the VMs' names.</summary>
    public string Names(string text) => VmIdPattern().Replace(text, m => Name(VmId.From(m.Value)));

    private string Describe(object @event) => @event switch
    {
        HostRegistered e => $"HostRegistered {e.HostId} datastores {string.Join(",", e.ReachableDatastores)}",
        HostStateChanged e => $"HostStateChanged {e.HostId} {e.From}->{e.To} ({e.Reason})",
        DatastoreAdded e => $"DatastoreAdded {e.DatastoreId}",
        VmCreated e => string.Create(CultureInfo.InvariantCulture, $"VmCreated {e.Spec.Name} {e.Spec.Vcpus} vCPU {e.Spec.MemoryMb} MB ha={(e.Spec.HaEnabled ? "on" : "off")} priority={e.Spec.RestartPriority}"),
        VmPlaced e => $"VmPlaced {Name(e.VmId)} on {e.Host}",
        VmPowerStateChanged e => $"VmPowerStateChanged {Name(e.VmId)} {e.From}->{e.To} #{e.Incarnation}",
        VmDeleted e => $"VmDeleted {Name(e.VmId)}",
        VmReconfigured e => $"VmReconfigured {Name(e.VmId)} ha={(e.Spec.HaEnabled ? "on" : "off")} priority={e.Spec.RestartPriority} vcpus={e.Spec.Vcpus} memory={e.Spec.MemoryMb}MB disks={string.Join(',', e.Spec.Disks.Select(d => d.SizeGb))}GB nics={e.Spec.Nics?.Count ?? 0}",
        HostRemoved e => $"HostRemoved {e.HostId} ({e.Reason})",
        HostDatastoreHealthChanged e => $"HostDatastoreHealthChanged {e.HostId} unreachable [{string.Join(",", e.Unreachable)}]",
        AlarmRaisedV1 e => $"AlarmRaised {e.Severity} {e.Code}: {Names(e.Text)}",
        AlarmRaised e => $"AlarmRaised {e.Severity} {e.Kind}: {Names(e.Text)}",
        AlarmRepeated e => $"AlarmRepeated {Alarm(e.AlarmId)}: {Names(e.Text)}",
        AlarmCleared e => $"AlarmCleared {Alarm(e.AlarmId)}: {Names(e.Reason)}",
        AlarmAcknowledged e => $"AlarmAcknowledged {Alarm(e.AlarmId)} by {e.By}",
        HaRestartPlanned e => $"HaRestartPlanned {Name(e.VmId)} {e.FailedHost}->{e.TargetHost} attempt {e.Attempt}",
        HaRestartSkipped e => $"HaRestartSkipped {Name(e.VmId)} on {e.FailedHost}: {e.Reason}",
        VmRunningOnIsolatedHost e => $"VmRunningOnIsolatedHost {Name(e.VmId)} on {e.Host}",
        HaRestartFailed e => $"HaRestartFailed {Name(e.VmId)} attempt {e.Attempt}: {Names(e.Reason)}",
        RestartRetryScheduled e => string.Create(CultureInfo.InvariantCulture, $"RestartRetryScheduled {Name(e.VmId)} attempt {e.NextAttempt} in {e.Delay.TotalSeconds:0.###} s"),
        HaRestartAbandoned e => $"HaRestartAbandoned {Name(e.VmId)} after {e.Attempts} attempts: {Names(e.Reason)}",
        MigrationAdmitted { Kind: MigrationKind.Storage } e => $"MigrationAdmitted {e.MigrationId} {Name(e.VmId)} storage on {e.Source} to {e.Datastore} #{e.SourceIncarnation} ({Names(e.Reason)})",
        MigrationAdmitted { Kind: MigrationKind.Cold } e => $"MigrationAdmitted {e.MigrationId} {Name(e.VmId)} {MigrationMoves.Describe(e.Kind, e.Source, e.Target, e.FromDatastore, e.Datastore)} ({Names(e.Reason)})",
        MigrationAdmitted { Kind: not MigrationKind.Live } e => $"MigrationAdmitted {e.MigrationId} {Name(e.VmId)} {MigrationMoves.Describe(e.Kind, e.Source, e.Target, e.FromDatastore, e.Datastore)} #{e.SourceIncarnation} ({Names(e.Reason)})",
        MigrationRequested { Kind: not MigrationKind.Live } e => $"MigrationRequested {e.MigrationId} {Name(e.VmId)} {e.Kind} {e.Source}->{e.Target?.Value ?? (e.Kind == MigrationKind.SharedNothing ? "any" : e.Source.Value)} to {e.Datastore} #{e.SourceIncarnation} {e.Priority} ({Names(e.Reason)})",
        MigrationRequested e => $"MigrationRequested {e.MigrationId} {Name(e.VmId)} {e.Source}->{e.Target?.Value ?? "any"} #{e.SourceIncarnation} {e.Priority} ({Names(e.Reason)})",
        MigrationAdmitted e => $"MigrationAdmitted {e.MigrationId} {Name(e.VmId)} {e.Source}->{e.Target} #{e.SourceIncarnation} ({Names(e.Reason)})",
        MigrationPhaseChanged e => $"MigrationPhaseChanged {e.MigrationId} {e.From}->{e.To}{(e.VmDown ? " vm down" : "")} ({Names(e.Why)})",
        VmMigrated e => $"VmMigrated {Name(e.VmId)} {e.From}->{e.To} #{e.Incarnation} ({e.MigrationId})",
        VmDisksMoved e => $"VmDisksMoved {Name(e.VmId)} {e.From}->{e.To} ({e.MigrationId})",
        _ => Names(@event.ToString() ?? @event.GetType().Name),
    };

    /// <summary>An alarm by its kind and object (VMs by name), as ids depend on the run's history.</summary>
    private string Alarm(string alarmId) =>
        _alarms.TryGetValue(alarmId, out var raised) ? $"{raised.Kind} {Names(raised.Object.ToString())}" : alarmId;

    [GeneratedRegex(@"\bvm-\d{4}\b")]
    private static partial Regex VmIdPattern();
}
