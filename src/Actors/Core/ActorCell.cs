using Microsoft.Extensions.Logging;

namespace Cluster.Actors;

/// <summary>
/// The runtime home of one actor: its mailbox, current instance, behaviour stack, children, watchers,
/// stash and timers. Everything here runs on the mailbox's single thread at a time.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? _constructing;

    private readonly Props _props;
    private readonly List<Action<object>> _behaviors = [];
    private ActorBase? _actor;
    private Envelope _current;
    private ILogger? _log;
    private TimerScheduler? _timers;

    internal ActorCell(ActorSystem system, ActorCell? parent, Props props, ActorPath path)
    {
        System = system;
        ParentCell = parent;
        _props = props;
        var self = new LocalActorRef(this, path);
        SelfRef = self;
        Mailbox = new Mailbox(this, system.Dispatcher);
    }

    internal static ActorCell? Constructing => _constructing;

    public ActorSystem System { get; }

    internal ActorCell? ParentCell { get; }

    internal LocalActorRef SelfRef { get; }

    internal Mailbox Mailbox { get; }

    public ActorRef Self => SelfRef;

    public ActorRef Sender => _current.Sender ?? ActorRefs.NoSender;

    public ActorRef Parent => ParentCell?.Self ?? ActorRefs.NoSender;

    public ITimerScheduler Timers => _timers ??= new TimerScheduler(this);

    public ILogger Log => _log ??= System.LoggerFactory.CreateLogger(Self.Path.Elements);

    public TimeProvider Time => System.Time;

    public Random Random => System.Random;

    /// <summary>Runs one user message through the current behaviour; a throw goes to the supervisor.</summary>
    internal void Invoke(Envelope envelope)
    {
        if (_actor is null || _state != CellState.Running)
        {
            // Stopping or waiting for a supervisor: the message is not lost, it is a dead letter.
            System.PublishDeadLetter(envelope.Message, envelope.Sender, Self);
            return;
        }

        var message = envelope.Message;
        if (message is TimerScheduler.TimerMessage timerMessage)
        {
            if (_timers is null || !_timers.Accept(timerMessage))
            {
                return;
            }

            message = timerMessage.Message;
            envelope = envelope with { Message = message };
        }

        _current = envelope;
        System.TraceDelivery(Self, envelope);
        try
        {
            switch (message)
            {
                case PoisonPill:
                    Stop(Self);
                    break;
                case Kill:
                    throw new ActorKilledException($"{Self} was killed");
                default:
                    _behaviors[^1](message);
                    break;
            }

            // Checked in this order because the interface test costs more than the null test, on every message.
            if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout)
            {
                RestartReceiveTimeout();
            }
        }
        catch (Exception cause)
        {
            HandleInvokeFailure(cause, envelope);
        }
        finally
        {
            _current = default;
        }
    }

    internal void ReportUnhandled(object message) =>
        System.EventStream.Publish(new UnhandledMessage(message, Sender, Self));

    private void HandleInvokeFailure(Exception cause, Envelope envelope)
    {
        // An asker waiting on this message learns of the failure now, instead of at its timeout.
        if (envelope.Sender is PromiseActorRef asker)
        {
            asker.Tell(new Status.Failure(cause), Self);
        }

        Log.LogDebug(cause, "{Actor} failed on {Message}", Self, envelope.Message.GetType().Name);
        Fail(cause);
    }

    /// <summary>Suspends user messages and asks the parent what to do.</summary>
    private void Fail(Exception cause)
    {
        if (_state is CellState.Terminating or CellState.Terminated)
        {
            return;
        }

        _state = CellState.Suspended;
        Mailbox.Suspend();
        if (ParentCell is null)
        {
            Log.LogError(cause, "root actor {Actor} failed; stopping it", Self);
            BeginTerminate();
            return;
        }

        ParentCell.Self.SendSystemMessage(new Failed(Self, cause, Self.Path.Uid));
    }
}
