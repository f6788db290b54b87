using Akka.Actor;
using Cluster.Deciders;
// Akka.Actor has a supervision IDecider too.
using IDecider = Cluster.Deciders.IDecider;

namespace Cluster.Runtime.Deciders;

/// <summary>
/// Runs an <see cref="IDecider"/> without a journal inside a plain actor (e.g. <c>class CnaActor : ReceiveActor,
/// IWithTimers</c>): the actor calls <see cref="Start"/> from PreStart and hands every message to <see cref="Handle"/>.
/// A step is performed at once; its events are not stored (a decider without a journal keeps none). Results of
/// effects that complete synchronously are decided right after, before the next mailbox message.
/// </summary>
public sealed class DeciderShell
{
    private readonly IDecider _decider;
    private readonly StepPerformer _performer;
    private readonly Queue<object> _ready = new();

    public DeciderShell(IDecider decider, StepPerformer performer)
    {
        _decider = decider ?? throw new ArgumentNullException(nameof(decider));
        _performer = performer ?? throw new ArgumentNullException(nameof(performer));
    }

    public void Start() => Run(_decider.Start(_performer.Now));

    public void Handle(object message, IActorRef? sender)
    {
        var (input, from) = DeciderInput.Of(message, sender);
        Run(_decider.Decide(input, from, _performer.Now));
    }

    private void Run(Step step)
    {
        while (true)
        {
            _performer.Perform(step, _ready);
            if (step.StopRequested)
            {
                _ready.Clear();
                return;
            }

            if (!_ready.TryDequeue(out var result))
            {
                return;
            }

            step = _decider.Decide(result, Peer.None, _performer.Now);
        }
    }
}
