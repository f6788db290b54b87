using Akka.Actor;
using Cluster.Runtime.Deciders;

namespace Cluster.Runtime.Tests.Deciders;

/// <summary>The shape of a shell without a journal (the CNA's): a plain actor composing <see cref="DeciderShell"/>.</summary>
public sealed class ToyActor : ReceiveActor, IWithTimers
{
    private readonly DeciderShell _shell;

    public ToyActor(IEffectRunner effects)
    {
        _shell = new DeciderShell(new ToyDecider("unused"), new StepPerformer(Context, this, effects));
        ReceiveAny(message => _shell.Handle(message, Sender));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IEffectRunner effects) => Akka.Actor.Props.Create(() => new ToyActor(effects));

    protected override void PreStart() => _shell.Start();
}
