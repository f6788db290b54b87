using Akka.Actor;
using Akka.Util;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.HostNode.Storage;
using Cluster.HostNode.Telemetry;
using Cluster.HostNode.Vm;
using Cluster.Messages;
using Cluster.Runtime.Deciders;

namespace Cluster.HostNode.Cna;

/// <summary>
/// The agent on one compute host under Akka: a thin shell over <see cref="CnaDecider"/>. It reaches the VRM through
/// one peer, the singleton proxy (wherever the VRM runs; the proxy buffers during a hand-over). Its children are one
/// <see cref="VmActor"/> per VM agent (with <see cref="CnaSettings.AgentsAsChildren"/>) and one
/// <see cref="DatastoreActor"/> per datastore when the host has a lease store. The hypervisor, the store and the
/// <see cref="LeaseLedger"/> outlive it: a CNA started after the node rejoined adopts the leases of the VMs still running,
/// and starts from the highest epoch its predecessor saw (<see cref="EpochMemory"/>).
/// </summary>
public sealed class CnaActor : ReceiveActor, IWithTimers
{
    private readonly CnaSettings _settings;
    private readonly HostEffectRunner _childRunner;
    private readonly ILogger _log;
    private readonly Dictionary<VmId, IActorRef> _agents = [];
    private readonly List<IActorRef> _datastores = [];
    private readonly DeciderShell _shell;
    private long _agentsMade;

    public CnaActor(CnaSettings settings, IHypervisor hypervisor, IActorRef vrmProxy, LeaseLedger ledger, ILogger log, EpochMemory? epochs = null, NodeExit? exit = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ledger);
        if (settings.IsolationResponse != IsolationResponse.LeaveRunning)
        {
            throw new NotSupportedException("Under Akka a host cut off from every controller is downed and rejoins; only IsolationResponse.LeaveRunning is supported.");
        }

        _settings = settings;
        _log = log;
        var hypervisorRunner = new HypervisorEffectRunner(hypervisor);
        var storage = settings.StorageLeases is { } store ? new StorageLeaseEffectRunner(store, settings.HostId, settings.Fencing.LeaseTtl) : null;
        if (storage is not null)
        {
            foreach (var datastore in settings.Datastores)
            {
                _datastores.Add(Context.ActorOf(DatastoreActor.Props(datastore, storage), $"datastore-{datastore.Value}"));
            }
        }

        _childRunner = new HostEffectRunner(hypervisorRunner, storage, ledger);
        var system = Context.System;
        var runner = new HostEffectRunner(hypervisorRunner, storage, ledger, _ => _datastores.ForEach(d => d.Tell(ProbeDatastore.Instance, Self)), goodbye =>
        {
            // Noted before the system ends, so that the process exits instead of rejoining.
            exit?.Request(goodbye.Reason);
            CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        });
        var peers = new CnaPeers(
            PeerRefs.Of(Self),
            Self.Path.ToStringWithAddress(((ExtendedActorSystem)Context.System).Provider.DefaultAddress),
            [PeerRefs.Of(vrmProxy)],
            Deciders.Peer.None);
        var deciderSettings = CnaDeciderSettings.From(settings) with { AdoptedLeases = ledger.Held(), InitialEpoch = epochs?.Highest ?? 0 };
        var cna = new CnaDecider(deciderSettings, peers, hypervisor, ThreadLocalRandom.Current.NextDouble, log);
        _shell = new DeciderShell(new ChildAgentRouter(cna, AgentOf, Retire), new StepPerformer(Context, this, runner));
        ReceiveAny(message =>
        {
            using var span = CnaTraces.Receive(message, settings.HostId);
            _shell.Handle(message, Sender);
            epochs?.Note(cna.HighestEpoch);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// With <c>epochs</c> (the process's <see cref="EpochMemory"/>) the CNA starts from, and keeps up, the highest epoch seen;
    /// with <c>exit</c>, a refusal for good (<see cref="HostIdInUse"/>) is noted there and the actor system shuts down.
    /// </summary>
    public static Props Props(CnaSettings settings, IHypervisor hypervisor, IActorRef vrmProxy, LeaseLedger ledger, ILogger log, EpochMemory? epochs = null, NodeExit? exit = null) =>
        Akka.Actor.Props.Create(() => new CnaActor(settings, hypervisor, vrmProxy, ledger, log, epochs, exit));

    protected override void PreStart() => _shell.Start();

    /// <summary>
    /// A child that fails would restart with an empty agent and stop renewing a lease its VM still needs. So the
    /// failure escalates: the CNA restarts with its children, and the new one adopts every running VM from the ledger.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

    private IActorRef AgentOf(VmId vm)
    {
        if (!_agents.TryGetValue(vm, out var agent))
        {
            // A fresh name each time: a retired agent's child may still be stopping under its old one.
            agent = Context.ActorOf(VmActor.Props(vm, _settings.HostId, _settings.Fencing, _childRunner, _log), $"{vm.Value}-{++_agentsMade}");
            _agents[vm] = agent;
        }

        return agent;
    }

    private void Retire(VmId vm)
    {
        if (_agents.Remove(vm, out var agent))
        {
            Context.Stop(agent);
        }
    }
}
