using Cluster.Actors;
using Cluster.Persistence;

namespace Cluster.Controller.Singleton;

/// <summary>
/// Runs at most one VRM cluster-wide. Every controller runs this actor; the one that holds the lease
/// in the database runs the VRM as its child "vrm", with the lease's epoch as fencing token. A standby
/// tries again exactly when the current lease expires, so takeover takes the TTL and little more.
/// </summary>
public sealed class ControllerSingleton : ActorBase
{
    private readonly ILeaseStore _leases;
    private readonly LeaseSettings _settings;
    private readonly string _holder;
    private readonly Func<long, Props> _vrmProps;
    private Lease? _held;

    /// <summary>The lease row as last read while standing by: who is active, for GetLeader.</summary>
    private Lease? _observed;
    private DateTimeOffset _lastRenewed;
    private bool _inFlight;
    private bool _retired;
    private ActorRef? _stepDownRequester;

    public ControllerSingleton(ILeaseStore leases, LeaseSettings settings, string holder, Func<long, Props> vrmProps)
    {
        settings.Validate();
        _leases = leases;
        _settings = settings;
        _holder = holder;
        _vrmProps = vrmProps;
    }

    public static Props Props(ILeaseStore leases, LeaseSettings settings, string holder, Func<long, Props> vrmProps) =>
        Actors.Props.Create(() => new ControllerSingleton(leases, settings, holder, vrmProps));

    protected override void PreStart() => Self.Tell(Tick.Instance);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StepDown:
                Retire();
                break;
            case Tick when _retired:
            case LeaseOutcome when _retired:
                break;
            case Terminated when _retired:
                ReleaseLease();
                break;
            case LeaseReleased released:
                _stepDownRequester?.Tell(new SteppedDown(released.Released), Self);
                break;
            case Tick:
                OnTick();
                break;
            case LeaseOutcome outcome:
                OnLeaseOutcome(outcome);
                break;
            case Terminated terminated when _held is not null && terminated.Actor.Equals(Context.Child("vrm")):
                break;
            case Terminated:
                // The VRM stopped by itself (deposed by a host that saw a newer epoch): give up the lease.
                StopActing("the VRM stopped");
                break;
            case Vrm.GetLeader when Context.Child("vrm") is { } vrm:
                vrm.Forward(message, Context);
                break;
            case Vrm.GetLeader:
                Sender.Tell(StandbyLeader(), Self);
                break;
            case Messages.Heartbeat or Messages.HostRegister when Context.Child("vrm") is null:
                // Hosts talk to every controller; a standby just lets their traffic pass.
                break;
            default:
                if (Context.Child("vrm") is { } active)
                {
                    active.Forward(message, Context);
                }
                else
                {
                    Sender.Tell(NotActive(), Self);
                }

                break;
        }
    }

    private void OnTick()
    {
        var now = Context.Time.GetUtcNow();
        if (_held is not null && now >= _lastRenewed + _settings.Ttl - _settings.SafetyMargin)
        {
            StopActing($"lease not renewed since {_lastRenewed:O}");
        }

        if (!_inFlight)
        {
            _inFlight = true;
            var task = _held is null
                ? _leases.TryAcquireAsync(_settings.LeaseName, _holder, _settings.Ttl)
                : _leases.TryRenewAsync(_settings.LeaseName, _holder, _held.Epoch, _settings.Ttl);
            var asked = now;
            task.PipeTo(Self, lease => new LeaseOutcome(lease, asked, null), error => new LeaseOutcome(null, asked, error));
        }

        ScheduleNextTick();
    }

    private void OnLeaseOutcome(LeaseOutcome outcome)
    {
        _inFlight = false;
        if (outcome.Error is not null)
        {
            Log.LogWarning(outcome.Error, "lease store unavailable");
        }

        if (outcome.Lease is { } lease && lease.Holder == _holder)
        {
            // Count from when we asked, not when the answer came: the store's clock started then.
            _lastRenewed = outcome.AskedAt;
            if (_held is null || _held.Epoch != lease.Epoch)
            {
                StartVrm(lease);
            }

            _held = lease;
            return;
        }

        if (_held is not null)
        {
            StopActing("lease renewal refused");
        }

        ScheduleAcquireAtExpiry();
    }

    private void StartVrm(Lease lease)
    {
        if (Context.Child("vrm") is { } old)
        {
            Context.Stop(old);
        }

        Log.LogInformation("{Holder} acquired the controller lease with epoch {Epoch}", _holder, lease.Epoch);
        Context.Watch(Context.ActorOf(_vrmProps(lease.Epoch), "vrm"));
    }

    private void StopActing(string reason)
    {
        Log.LogWarning("{Holder} stops acting as VRM: {Reason}", _holder, reason);
        if (Context.Child("vrm") is { } vrm)
        {
            Context.Unwatch(vrm);
            Context.Stop(vrm);
        }

        _held = null;
    }

    /// <summary>Stops acting for good: the VRM first, the lease once the VRM has really stopped.</summary>
    private void Retire()
    {
        _retired = true;
        _stepDownRequester = Sender;
        Timers.Cancel("tick");
        if (Context.Child("vrm") is { } vrm)
        {
            Log.LogInformation("{Holder} steps down: stopping the VRM, then releasing the lease", _holder);
            Context.Stop(vrm);
            return;
        }

        ReleaseLease();
    }

    private void ReleaseLease()
    {
        if (_held is not { } lease)
        {
            Self.Tell(new LeaseReleased(false));
            return;
        }

        _held = null;
        _leases.ReleaseAsync(_settings.LeaseName, _holder, lease.Epoch).PipeTo(Self, released => new LeaseReleased(released), _ => new LeaseReleased(false));
    }

    // A standby's lease outcome may move this tick to the holder's expiry (ScheduleAcquireAtExpiry).
    private void ScheduleNextTick() => Timers.StartSingleTimer("tick", Tick.Instance, _settings.RenewEvery);

    /// <summary>As a standby, try again right when the holder's lease runs out (or at the usual pace if unknown).</summary>
    private void ScheduleAcquireAtExpiry()
    {
        _leases.ReadAsync(_settings.LeaseName).PipeTo(Self, lease => new ExpiryKnown(lease), _ => new ExpiryKnown(null));
        Become(WaitingForExpiry);
    }

    private void WaitingForExpiry(object message)
    {
        if (message is ExpiryKnown known)
        {
            Context.Unbecome();
            _observed = known.Lease;
            var wait = known.Lease?.ExpiresAt is { } at ? at - Context.Time.GetUtcNow() : _settings.RenewEvery;
            wait = wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < _settings.RenewEvery ? wait + TimeSpan.FromMilliseconds(1) : _settings.RenewEvery;
            Timers.StartSingleTimer("tick", Tick.Instance, wait);
            return;
        }

        OnReceive(message);
    }

    private void Become(Action<object> behavior) => Context.Become(behavior, discardOld: false);

    /// <summary>
    /// A standby names the active controller from the lease row it last read, while that lease is unexpired;
    /// otherwise it does not know (empty holder, epoch 0) rather than naming itself.
    /// </summary>
    private Vrm.LeaderInfo StandbyLeader() =>
        _observed is { } lease && lease.Holder != _holder && lease.ExpiresAt > Context.Time.GetUtcNow()
            ? new Vrm.LeaderInfo(lease.Holder, lease.Epoch, false)
            : new Vrm.LeaderInfo(string.Empty, 0, false);

    private Vrm.AdminFailure NotActive() => new(
        Vrm.AdminFailureKind.NotActive,
        new Messages.ErrorResponse($"{_holder} is a standby controller; the active one holds the lease", []));

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record LeaseOutcome(Lease? Lease, DateTimeOffset AskedAt, Exception? Error);

    private sealed record ExpiryKnown(Lease? Lease);

    private sealed record LeaseReleased(bool Released);
}
