using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using Akka.Remote;

namespace Cluster.Runtime.Leases;

/// <summary>
/// An Akka lease over one row of the controller database, for ClusterSingletonManager's use-lease and the
/// split-brain resolver's lease-majority. Acquire takes the row for <c>heartbeat-timeout</c> (the TTL); while held it
/// is renewed every <c>heartbeat-interval</c> on the actor system's scheduler. A refused renewal (the row expired and
/// was taken, or released) loses the lease at once; a failed one (database unreachable or locked) is retried on the
/// next heartbeat and loses the lease only when that heartbeat would come after the last confirmed expiry, so the
/// callback always fires before another owner can take the row. Every new tenure has a higher <see cref="Epoch"/>,
/// the fencing token the singleton stamps on its commands.
/// </summary>
public sealed class SqlLease : Lease
{
    private readonly LeaseTable _table;
    private readonly IScheduler _scheduler;
    private readonly ILoggingAdapter _log;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _operationTimeout;
    private Task? _created;
    private readonly Lock _gate = new();
    private Tenure? _tenure;

    public SqlLease(LeaseSettings settings, ExtendedActorSystem system)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(system);
        var timing = settings.TimeoutSettings;
        if (timing.HeartbeatInterval >= timing.HeartbeatTimeout)
        {
            throw new ArgumentException(
                $"Lease '{settings.LeaseName}': heartbeat-interval ({timing.HeartbeatInterval}) must be shorter than heartbeat-timeout ({timing.HeartbeatTimeout}).",
                nameof(settings));
        }

        _ttl = timing.HeartbeatTimeout;
        _interval = timing.HeartbeatInterval;
        _operationTimeout = timing.OperationTimeout;
        _scheduler = system.Scheduler;
        _log = Logging.GetLogger(system, $"{nameof(SqlLease)}({settings.LeaseName})");

        // Akka names owners by host:port only; the address uid tells a restarted process on the same port from the
        // one before it, so a restart never continues the dead process's tenure and epoch.
        Holder = $"{settings.OwnerName}#{AddressUidExtension.Uid(system)}";
        _table = new LeaseTable(SqlLeaseSettings.From(settings.LeaseConfig).OpenDatabase());
    }

    /// <summary>The row's holder: the owner name Akka gave plus this actor system's address uid.</summary>
    public string Holder { get; }

    /// <summary>The fencing token of the current tenure, or 0 while the lease is not held.</summary>
    public long Epoch
    {
        get
        {
            lock (_gate)
            {
                return _tenure?.Epoch ?? 0;
            }
        }
    }

    public override Task<bool> Acquire() => Acquire(_ => { });

    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        ArgumentNullException.ThrowIfNull(leaseLostCallback);
        var row = await RunAsync("acquire", ct => _table.TryAcquireAsync(Settings.LeaseName, Holder, _scheduler.Now, _ttl, ct)).ConfigureAwait(false);
        lock (_gate)
        {
            _tenure?.Heartbeat.Cancel();
            _tenure = row is null ? null : new Tenure(row.Epoch, row.ExpiresAt, leaseLostCallback, ScheduleHeartbeat());
        }

        if (row is not null)
        {
            _log.Info("Lease {0} acquired by {1} with epoch {2}", Settings.LeaseName, Holder, row.Epoch);
        }

        return row is not null;
    }

    public override async Task<bool> Release()
    {
        Tenure? tenure;
        lock (_gate)
        {
            tenure = _tenure;
            _tenure = null;
        }

        if (tenure is null)
        {
            return false;
        }

        tenure.Heartbeat.Cancel();
        var released = await RunAsync("release", ct => _table.ReleaseAsync(Settings.LeaseName, Holder, tenure.Epoch, _scheduler.Now, ct)).ConfigureAwait(false);
        _log.Info("Lease {0} released by {1} (epoch {2}): {3}", Settings.LeaseName, Holder, tenure.Epoch, released ? "freed" : "no longer ours");
        return released;
    }

    /// <summary>Only from what is known locally, as Akka requires: held, and the last confirmed expiry not yet reached.</summary>
    public override bool CheckLease()
    {
        lock (_gate)
        {
            return _tenure is not null && _scheduler.Now < _tenure.ConfirmedUntil;
        }
    }

    private Cancelable ScheduleHeartbeat()
    {
        var cancelable = new Cancelable(_scheduler);
        _scheduler.Advanced.ScheduleOnce(_interval, () => _ = RenewAsync(), cancelable);
        return cancelable;
    }

    private async Task RenewAsync()
    {
        Tenure? tenure;
        lock (_gate)
        {
            tenure = _tenure;
        }

        if (tenure is null || tenure.Heartbeat.IsCancellationRequested)
        {
            return;
        }

        try
        {
            var row = await RunAsync("renew", ct => _table.TryRenewAsync(Settings.LeaseName, Holder, tenure.Epoch, _scheduler.Now, _ttl, ct)).ConfigureAwait(false);
            if (row is null)
            {
                Lose(tenure, new LeaseException($"Lease {Settings.LeaseName} epoch {tenure.Epoch} is no longer held by {Holder}: renewal refused."));
                return;
            }

            // Logged after the next heartbeat is scheduled, so a test that sees the line may advance time again.
            Continue(tenure, row.ExpiresAt);
            _log.Debug("Lease {0} epoch {1} renewed until {2:O}", Settings.LeaseName, tenure.Epoch, row.ExpiresAt);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (_scheduler.Now + _interval >= tenure.ConfirmedUntil)
            {
                Lose(tenure, new LeaseException($"Lease {Settings.LeaseName} epoch {tenure.Epoch}: renewal failed and the lease expires before the next attempt.", ex));
                return;
            }

            Continue(tenure, tenure.ConfirmedUntil);
            _log.Warning(ex, "Lease {0} epoch {1}: renewal failed, retrying on the next heartbeat", Settings.LeaseName, tenure.Epoch);
        }
    }

    private void Continue(Tenure tenure, DateTimeOffset confirmedUntil)
    {
        lock (_gate)
        {
            // A release or a new acquire replaced the tenure while the statement ran: leave theirs alone.
            if (!ReferenceEquals(_tenure, tenure) || tenure.Heartbeat.IsCancellationRequested)
            {
                return;
            }

            _tenure = tenure with { ConfirmedUntil = confirmedUntil, Heartbeat = ScheduleHeartbeat() };
        }
    }

    private void Lose(Tenure tenure, LeaseException reason)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_tenure, tenure))
            {
                return;
            }

            _tenure = null;
        }

        _log.Warning("{0}", reason.Message);
        tenure.LeaseLost(reason);
    }

    /// <summary>Creates the table on first use and bounds every statement by lease-operation-timeout.</summary>
    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> statement)
    {
        using var timeout = new CancellationTokenSource(_operationTimeout);
        try
        {
            await EnsureTableAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            return await statement(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new LeaseTimeoutException($"Lease {Settings.LeaseName}: {operation} took longer than {_operationTimeout}.", ex);
        }
    }

    /// <summary>Creates the table once; a failed creation (database not up yet) is tried again by the next call.</summary>
    private Task EnsureTableAsync()
    {
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = _table.CreateIfMissingAsync(CancellationToken.None);
            }

            return _created;
        }
    }

    /// <summary>One holding of the lease: its epoch, how long the database has confirmed it, and the pending heartbeat.</summary>
    private sealed record Tenure(long Epoch, DateTimeOffset ConfirmedUntil, Action<Exception> LeaseLost, Cancelable Heartbeat);
}
