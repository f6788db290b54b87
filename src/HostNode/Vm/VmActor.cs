using Akka.Actor;
using Cluster.HostNode.Storage;
using Cluster.Messages;
using Cluster.Runtime.Deciders;

namespace Cluster.HostNode.Vm;

/// <summary>
/// One VM on this host, a child of the CNA actor: it hosts the VM's <see cref="VmAgentDecider"/> (take the storage
/// write-lease before the guest starts, renew it at the CNA's tick while the guest runs, release it, fence the guest
/// before the lease could expire) and runs the agent's effects itself, so a slow lease store delays this VM only.
/// Its answers go to its parent; it is stopped by the parent once it reported itself idle.
/// </summary>
public sealed class VmActor : ReceiveActor, IWithTimers
{
    private readonly DeciderShell _shell;

    public VmActor(VmId vm, HostId host, LeaseFencingOptions fencing, IEffectRunner runner, ILogger log)
    {
        var parent = PeerRefs.Of(Context.Parent);
        var agent = new IdleReportingAgent(new VmAgentDecider(vm, host, parent, fencing, log), vm, parent);
        _shell = new DeciderShell(agent, new StepPerformer(Context, this, runner));
        ReceiveAny(message => _shell.Handle(message, Sender));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(VmId vm, HostId host, LeaseFencingOptions fencing, IEffectRunner runner, ILogger log) =>
        Akka.Actor.Props.Create(() => new VmActor(vm, host, fencing, runner, log));

    protected override void PreStart() => _shell.Start();
}
