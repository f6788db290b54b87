using System.Diagnostics;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Telemetry;

/// <summary>
/// Migration sagas as spans (ActivitySource <c>Cluster.Controller.Migrations</c>): one <c>migration</c> span per saga
/// from its request or admission to its end, and under it one <c>migration.phase</c> span per phase the saga was in,
/// built from the saga's stored events. Ended sagas count in <c>cluster.migrations</c> by outcome, with their duration
/// and the downtime the source reported. Single-threaded: only the VRM actor calls it.
/// </summary>
public sealed class MigrationTraces(VrmMetrics metrics)
{
    public const string SourceName = "Cluster.Controller.Migrations";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly Dictionary<MigrationId, Saga> _sagas = [];

    public void Stored(object @event)
    {
        switch (@event)
        {
            case MigrationRequested requested:
                Begin(requested.MigrationId, requested.VmId, requested.Source, MigrationPhase.Requested, requested.At);
                break;
            case MigrationAdmitted admitted:
                // A queued migration's span began at its request and moves on to Admitted; any other begins here.
                var queued = _sagas.ContainsKey(admitted.MigrationId);
                var saga = Begin(admitted.MigrationId, admitted.VmId, admitted.Source, MigrationPhase.Admitted, admitted.At);
                saga.Span?.SetTag("cluster.migration.target", admitted.Target.Value).SetTag("cluster.migration.kind", VrmMetrics.StateName(admitted.Kind));
                saga.Kind = admitted.Kind;
                if (queued)
                {
                    saga.EnterPhase(MigrationPhase.Admitted);
                }

                break;
            case MigrationPhaseChanged changed when _sagas.TryGetValue(changed.MigrationId, out var open):
                PhaseChanged(changed, open);
                break;
        }
    }

    private Saga Begin(MigrationId id, VmId vm, HostId source, MigrationPhase phase, DateTimeOffset at)
    {
        if (_sagas.TryGetValue(id, out var known))
        {
            return known;
        }

        var span = Source.StartActivity("migration", ActivityKind.Internal, parentContext: default);
        span?.SetTag("cluster.migration.id", id.Value).SetTag("cluster.vm.id", vm.Value).SetTag("cluster.migration.source", source.Value);
        var saga = new Saga(span, at);
        saga.EnterPhase(phase);
        _sagas[id] = saga;
        return saga;
    }

    private void PhaseChanged(MigrationPhaseChanged changed, Saga saga)
    {
        if (changed.To is not (MigrationPhase.Completed or MigrationPhase.RolledBack or MigrationPhase.Failed))
        {
            saga.EnterPhase(changed.To);
            return;
        }

        _sagas.Remove(changed.MigrationId);
        saga.EndPhase();
        var outcome = new KeyValuePair<string, object?>("cluster.migration.outcome", VrmMetrics.StateName(changed.To));
        var kind = new KeyValuePair<string, object?>("cluster.migration.kind", VrmMetrics.StateName(saga.Kind));
        metrics.Migrations.Add(1, outcome, kind);
        metrics.MigrationDuration.Record(saga.Elapsed.TotalSeconds, outcome, kind);
        if (changed.DowntimeMs is { } downtime)
        {
            metrics.MigrationDowntime.Record(downtime / 1000.0, kind);
        }

        if (saga.Span is { } span)
        {
            span.SetTag("cluster.migration.outcome", outcome.Value).SetTag("cluster.migration.downtime_ms", changed.DowntimeMs);
            span.SetStatus(changed.To == MigrationPhase.Completed ? ActivityStatusCode.Ok : ActivityStatusCode.Error, changed.Why);
            span.Dispose();
        }
    }

    private sealed class Saga(Activity? span, DateTimeOffset requestedAt)
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private Activity? _phase;

        public Activity? Span { get; } = span;

        public DateTimeOffset RequestedAt { get; } = requestedAt;

        public MigrationKind Kind { get; set; } = MigrationKind.Live;

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

        public void EnterPhase(MigrationPhase phase)
        {
            EndPhase();
            if (Span is null)
            {
                return;
            }

            _phase = Source.StartActivity("migration.phase", ActivityKind.Internal, Span.Context);
            _phase?.SetTag("cluster.migration.phase", VrmMetrics.StateName(phase));
        }

        public void EndPhase()
        {
            _phase?.Dispose();
            _phase = null;
        }
    }
}
