using Akka.Actor;
using Akka.Cluster;
using Akka.Persistence;
using Cluster.Persistence.StorageLeases;
using Cluster.Runtime.Cluster;
using Cluster.Controller.Vrm.Telemetry;
using Cluster.Runtime.Deciders;

namespace Cluster.Controller.Vrm;

/// <summary>
/// The VRM on Akka.NET: the cluster singleton's child on the controller that holds the SQL lease, a thin persistent
/// shell over <see cref="VrmDecider"/>, which makes every decision. Each step's events are one atomic journal write
/// (steps decided meanwhile join the next write); replies, host commands, timers and lease reads follow only once
/// they are stored. <see cref="VrmSingleton.HandOver"/> ends the tenure after the writes in flight are stored.
/// </summary>
public sealed class VrmActor : ReceivePersistentActor, IWithTimers
{
    public const string PersistenceIdValue = "vrm";

    private readonly PersistentDeciderShell _shell;
    private readonly ClusterMembershipFeed _membership = new();
    private readonly VrmTelemetry _telemetry;

    public VrmActor(VrmSettings settings, ILogger logger, IStorageLeaseStore? storageLeases, Func<IActorContext, VrmTenure> tenureOf)
    {
        ArgumentNullException.ThrowIfNull(tenureOf);
        var tenure = tenureOf(Context);
        var decider = new VrmDecider(settings, tenure.Epoch, tenure.Holder, logger);
        _telemetry = new VrmTelemetry(decider.Status);
        _shell = new PersistentDeciderShell(
            decider,
            new StepPerformer(Context, this, _telemetry.Observe(new VrmEffectRunner(new StorageLeaseReader(storageLeases))), _telemetry.Outgoing),
            _telemetry.Observe(new JournalWrites(PersistAllAsync, SaveSnapshot)));
        RecoverAny(_shell.Recover);
        Command<VrmSingleton.HandOver>(_ => _shell.StopWhenStored());
        Command<ClusterEvent.CurrentClusterState>(MembershipChanged);
        Command<ClusterEvent.IMemberEvent>(MembershipChanged);
        Command<ClusterEvent.IReachabilityEvent>(MembershipChanged);
        CommandAny(message =>
        {
            _telemetry.Received(message is EffectCompleted completed ? completed.Result : message);
            _shell.Handle(message, Sender);
            _telemetry.Decided();
        });
    }

    public override string PersistenceId => _shell.PersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The VRM as the singleton manager starts it: epoch and holder from the manager's lease.</summary>
    public static Props Props(VrmSettings settings, ILogger logger, IStorageLeaseStore? storageLeases) =>
        Props(settings, logger, storageLeases, VrmTenure.FromSingletonLease);

    /// <summary>The VRM with its tenure given some other way (tests, a runtime without the singleton).</summary>
    public static Props Props(VrmSettings settings, ILogger logger, IStorageLeaseStore? storageLeases, Func<IActorContext, VrmTenure> tenureOf) =>
        Akka.Actor.Props.Create(() => new VrmActor(settings, logger, storageLeases, tenureOf));

    /// <summary>
    /// The VRM hears of members leaving or downed (a host whose node is gone may come back at another address) and of
    /// nodes unreachable (membership-assisted host detection).
    /// </summary>
    protected override void PreStart()
    {
        base.PreStart();
        if (IsClusterMember)
        {
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        }
    }

    protected override void PostStop()
    {
        _telemetry.Stopped();
        if (IsClusterMember)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }

        base.PostStop();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        PersistentDeciderShell.Rejected(cause, @event, sequenceNr);

    private bool IsClusterMember => ((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider;

    private void MembershipChanged(object clusterEvent)
    {
        if (_membership.On(clusterEvent) is { } seen)
        {
            _shell.Handle(seen, ActorRefs.NoSender);
        }
    }
}
