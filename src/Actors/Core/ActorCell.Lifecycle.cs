using Microsoft.Extensions.Logging;

namespace Cluster.Actors;

/// <summary>Creation, supervision directives, restart and stop.</summary>
internal sealed partial class ActorCell
{
    private CellState _state = CellState.Creating;

    internal bool IsTerminated => _state == CellState.Terminated;

    internal void InvokeSystem(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create:
                    CreateInstance();
                    break;
                case Terminate:
                    BeginTerminate();
                    break;
                case Failed failed:
                    HandleChildFailure(failed);
                    break;
                case Resume:
                    ResumeAfterFailure();
                    break;
                case Recreate recreate:
                    Restart(recreate.Cause);
                    break;
                case Watch watch:
                    AddWatcher(watch);
                    break;
                case Unwatch unwatch:
                    RemoveWatcher(unwatch);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification);
                    break;
            }
        }
        catch (Exception cause)
        {
            // A throw from Terminated handling or an escalation fails this actor like any other failure.
            Fail(cause);
        }
    }

    private void CreateInstance()
    {
        try
        {
            _actor = NewInstance();
            _state = CellState.Running;
            _actor.RunPreStart();
        }
        catch (Exception cause)
        {
            Fail(new ActorInitializationException($"{Self} could not start: {cause.Message}", cause));
        }
    }

    private ActorBase NewInstance()
    {
        var previous = _constructing;
        _constructing = this;
        try
        {
            var instance = _props.Factory();
            _behaviors.Clear();
            _behaviors.Add(instance.Receive);
            return instance;
        }
        finally
        {
            _constructing = previous;
        }
    }

    private void ResumeAfterFailure()
    {
        if (_state != CellState.Suspended)
        {
            return;
        }

        _state = _actor is null ? CellState.Creating : CellState.Running;
        if (_actor is null)
        {
            CreateInstance();
        }

        Mailbox.Unsuspend();
    }

    private void Restart(Exception cause)
    {
        if (_state is CellState.Terminating or CellState.Terminated)
        {
            return;
        }

        var failed = _actor;
        if (failed is not null)
        {
            try
            {
                failed.RunPreRestart(cause, null);
            }
            catch (Exception hookFailure)
            {
                Log.LogError(hookFailure, "{Actor} PreRestart threw; restarting anyway", Self);
            }
        }

        // Stashed messages survive the restart: the new instance sees them first, in order.
        UnstashAll();
        _timers?.CancelAll();
        _receiveTimeout = null;
        try
        {
            _actor = NewInstance();
            _state = CellState.Running;
            _actor.RunPostRestart(cause);
        }
        catch (Exception restartFailure)
        {
            _state = CellState.Running;
            Fail(new ActorInitializationException($"{Self} could not restart: {restartFailure.Message}", restartFailure));
            return;
        }

        Mailbox.Unsuspend();
    }

    private void HandleChildFailure(Failed failed)
    {
        if (!IsMyChild(failed.Child))
        {
            return;
        }

        var strategy = _actor?.Strategy ?? SupervisorStrategy.Default;
        var directive = strategy.Decider(failed.Cause);
        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystemMessage(new Resume());
                break;
            case Directive.Restart when RestartStatsFor(failed.Child).RequestRestartPermission(strategy, Time.GetUtcNow()):
                failed.Child.SendSystemMessage(new Recreate(failed.Cause));
                break;
            case Directive.Restart:
                Log.LogWarning("{Child} exceeded {Max} restarts within {Window}; stopping it", failed.Child, strategy.MaxRetries, strategy.Window);
                Stop(failed.Child);
                break;
            case Directive.Stop:
                Stop(failed.Child);
                break;
            case Directive.Escalate:
                Fail(failed.Cause);
                break;
        }
    }

    /// <summary>Stops children first; the actor itself finishes stopping when the last child is gone.</summary>
    private void BeginTerminate()
    {
        if (_state is CellState.Terminating or CellState.Terminated)
        {
            return;
        }

        _state = CellState.Terminating;
        Mailbox.Suspend();
        _timers?.CancelAll();
        _receiveTimeout = null;
        if (!StopAllChildren())
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        if (_actor is not null)
        {
            try
            {
                _actor.RunPostStop();
            }
            catch (Exception hookFailure)
            {
                Log.LogError(hookFailure, "{Actor} PostStop threw", Self);
            }
        }

        _state = CellState.Terminated;
        _actor = null;
        DropStash();
        Mailbox.Close();
        NotifyWatchersAndParent();
    }
}
