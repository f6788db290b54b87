using Cluster.Actors;
using Cluster.Deciders;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Storage;

namespace Cluster.HostNode.Cna;

/// <summary>
/// The agent on one compute host, on the home-made kernel: a thin shell that feeds <see cref="CnaDecider"/>
/// its messages and performs its steps. Hypervisor effects run at once and their results are decided before the
/// next mailbox message (the calls were inline before); storage-lease effects and the isolation ping are piped
/// back as messages; failure detection is the kernel's DeathWatch.
/// </summary>
public sealed class CnaActor : ActorBase
{
    private readonly CnaDecider _decider;
    private readonly HypervisorExecutor _hypervisor;
    private readonly StorageLeaseExecutor? _storage;

    public CnaActor(CnaSettings settings, IHypervisor hypervisor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _hypervisor = new HypervisorExecutor(hypervisor);
        if (settings.StorageLeases is { } store)
        {
            _storage = new StorageLeaseExecutor(store, settings.HostId, settings.Fencing.LeaseTtl);
        }

        var peers = new CnaPeers(
            new Peer(Self),
            Self.Path.ToString(),
            [.. settings.Controllers.Select(path => new Peer(Context.System.ResolvePath(path)))],
            settings.IsolationAddress is { } address ? new Peer(address) : Peer.None);
        _decider = new CnaDecider(CnaDeciderSettings.From(settings), peers, hypervisor, Context.Random.NextDouble, Log);
    }

    public static Props Props(CnaSettings settings, IHypervisor hypervisor) => Actors.Props.Create(() => new CnaActor(settings, hypervisor));

    protected override void PreStart() => Perform(_decider.Start(Context.Time.GetUtcNow()));

    protected override void OnReceive(object message)
    {
        var input = message is Terminated terminated ? new ControllerUnreachable(new Peer(terminated.Actor)) : message;
        Perform(_decider.Decide(input, new Peer(Sender), Context.Time.GetUtcNow()));
    }

    private void Perform(Step step)
    {
        foreach (var outbound in step.Messages)
        {
            ((ActorRef)outbound.To.Ref!).Tell(outbound.Message, Self);
        }

        foreach (var timer in step.Timers)
        {
            StartOrCancel(timer);
        }

        // Read the effects before deciding any result: the decider may reuse its step.
        var answeredAtOnce = new List<object>();
        foreach (var effect in step.Effects)
        {
            Run(effect, answeredAtOnce);
        }

        foreach (var result in answeredAtOnce)
        {
            Perform(_decider.Decide(result, Peer.None, Context.Time.GetUtcNow()));
        }
    }

    private void StartOrCancel(TimerCommand timer)
    {
        switch (timer)
        {
            case StartTimer { Periodic: true } periodic:
                Timers.StartPeriodicTimer(periodic.Key, periodic.Message, periodic.Delay);
                break;
            case StartTimer single:
                Timers.StartSingleTimer(single.Key, single.Message, single.Delay);
                break;
            case CancelTimer cancel:
                Timers.Cancel(cancel.Key);
                break;
        }
    }

    private void Run(object effect, List<object> answeredAtOnce)
    {
        switch (effect)
        {
            case HypervisorRequest request:
                answeredAtOnce.Add(_hypervisor.Execute(request));
                break;
            case WatchController watch:
                Context.Watch((ActorRef)watch.Controller.Ref!);
                break;
            case PingIsolationAddress ping:
                var target = Context.System.ResolvePath((ActorPath)ping.Address.Ref!);
                Context.System.Ask(target, new Ping(), ping.Timeout).PipeTo(Self, _ => new Pong(), _ => IsolationPingTimedOut.Instance);
                break;
            case ReleaseStorageLease release:
                _ = _storage!.Execute(release);
                break;
            default:
                _storage!.Execute(effect).PipeTo(Self, answer => answer!, error => error);
                break;
        }
    }
}
