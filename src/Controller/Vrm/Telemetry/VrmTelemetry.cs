using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cluster.Messages;
using Cluster.Runtime.Deciders;

namespace Cluster.Controller.Vrm.Telemetry;

/// <summary>
/// What the VRM actor tells OpenTelemetry, all from the shell's side of a step (docs/observability.md): the heartbeat
/// counter as inputs arrive; once a journal write is stored, its latency and, per event, the counters and spans of
/// <see cref="VrmTraces"/> and <see cref="MigrationTraces"/>, before the step's messages go out (so a command to a host
/// carries its span's context); the published <see cref="ClusterStatus"/> the gauges read, at most once a second.
/// The decider knows nothing of it. Single-threaded: only the actor calls it.
/// </summary>
public sealed class VrmTelemetry
{
    private static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(1);

    private readonly VrmMetrics _metrics = VrmMetrics.Instance;
    private readonly VrmTraces _traces = new();
    private readonly MigrationTraces _migrations = new(VrmMetrics.Instance);
    private readonly Func<ClusterStatus> _status;
    private readonly Histogram<double> _journalWrites;
    private readonly HashSet<VmId> _restarting = [];
    private long _lastPublished = long.MinValue;

    /// <param name="status">The decider's current view, read when it is time to publish.</param>
    public VrmTelemetry(Func<ClusterStatus> status)
    {
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _journalWrites = JournalMetrics.WriteDuration;
    }

    /// <summary>An input arrived (before it is decided).</summary>
    public void Received(object message)
    {
        switch (message)
        {
            case Heartbeat:
                _metrics.Heartbeats.Add(1);
                break;
            case StorageLeasesRead read:
                _traces.LeasesRead(read);
                break;
            case CommandRejected rejected:
                _traces.Rejected(rejected);
                break;
        }
    }

    /// <summary>The input was decided: publishes the view when the last one is a second old.</summary>
    public void Decided()
    {
        var now = Stopwatch.GetTimestamp();
        if (!_metrics.Observed || _lastPublished != long.MinValue && Stopwatch.GetElapsedTime(_lastPublished, now) < PublishEvery)
        {
            return;
        }

        _lastPublished = now;
        _metrics.Publish(_status());
    }

    /// <summary>The VRM stops on this node: its gauges go quiet and its open spans are left to the next VRM's.</summary>
    public void Stopped() => _metrics.Publish(null);

    /// <summary>
    /// The journal as the shell writes it, timed, with each stored write's events observed before the shell performs
    /// the steps (the shell performs them in the handler of the last event).
    /// </summary>
    public JournalWrites Observe(JournalWrites journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal with
        {
            PersistAll = (events, handler) =>
            {
                var batch = events as IReadOnlyList<object> ?? [.. events];
                var started = Stopwatch.GetTimestamp();
                var write = _traces.WriteStarted();
                var left = batch.Count;
                journal.PersistAll(batch, stored =>
                {
                    if (--left == 0)
                    {
                        _journalWrites.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("cluster.journal.events", Bucket(batch.Count)));
                        foreach (var @event in batch)
                        {
                            Stored(@event);
                        }

                        _traces.WriteStored(write);
                    }

                    handler(stored);
                });
            },
        };
    }

    /// <summary>A message leaving the VRM, stamped with its span's context when it is a command to a host.</summary>
    public object Outgoing(object message) => _traces.Outgoing(message);

    /// <summary>The VRM's effects, with the storage-lease check as a span of its HA action.</summary>
    public IEffectRunner Observe(IEffectRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return new TracedEffects(runner, _traces);
    }

    private void Stored(object @event)
    {
        switch (@event)
        {
            case HostStateChanged { To: HostState.Faulty } faulty:
                _metrics.FailureDetections.Add(1, new KeyValuePair<string, object?>("cluster.host.state.from", VrmMetrics.StateName(faulty.From)));
                break;
            case HaRestartPlanned planned:
                _restarting.Add(planned.VmId);
                break;
            case VmPowerStateChanged { To: VmPowerState.Running } running when _restarting.Remove(running.VmId):
                _metrics.HaRestarts.Add(1, Outcome("restarted"));
                break;
            case HaRestartFailed:
                _metrics.HaRestarts.Add(1, Outcome("failed"));
                break;
            case HaRestartAbandoned abandoned:
                _restarting.Remove(abandoned.VmId);
                _metrics.HaRestarts.Add(1, Outcome("abandoned"));
                break;
            case HaRestartSkipped skipped:
                _metrics.HaRestarts.Add(1, Outcome("skipped"), new("cluster.ha.skip_reason", VrmMetrics.StateName(skipped.Reason)));
                break;
        }

        _traces.Stored(@event);
        _migrations.Stored(@event);
    }

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("cluster.ha.outcome", outcome);

    /// <summary>Write sizes as a few buckets, so the attribute stays low-cardinality.</summary>
    private static string Bucket(int events) => events switch
    {
        1 => "1",
        <= 10 => "2-10",
        _ => "11+",
    };

    private sealed class TracedEffects(IEffectRunner inner, VrmTraces traces) : IEffectRunner
    {
        public ValueTask<object> Run(object effect)
        {
            if (effect is not ReadStorageLeases read || traces.LeaseCheck(read) is not { } span)
            {
                return inner.Run(effect);
            }

            var pending = inner.Run(effect);
            if (pending.IsCompleted)
            {
                // Decided from the shell's ready queue, not through the actor's mailbox, so it is noted here.
                if (pending.IsCompletedSuccessfully && pending.Result is StorageLeasesRead done)
                {
                    traces.LeasesRead(done);
                }

                span.Dispose();
                return pending;
            }

            return new ValueTask<object>(EndWhenDone(pending.AsTask(), span));
        }

        private static async Task<object> EndWhenDone(Task<object> pending, Activity span)
        {
            try
            {
                return await pending.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                span.SetStatus(ActivityStatusCode.Error, ex.Message);
                throw;
            }
            finally
            {
                span.Dispose();
            }
        }
    }
}
