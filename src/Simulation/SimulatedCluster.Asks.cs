using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Simulation.World;

namespace Cluster.Simulation;

/// <summary>
/// Asking the cluster as an operator does: the admin API of a controller node asks the VRM through the singleton
/// proxy; a standby controller answers what it knows itself (the leader from the lease, "not active").
/// </summary>
public sealed partial class SimulatedCluster
{
    public static readonly TimeSpan DefaultAskTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Asks the active VRM, or a running standby when none is active, and runs the world until the answer is in.</summary>
    public T Ask<T>(object question, TimeSpan? timeout = null)
    {
        var controller = ActiveController ?? ControllerNames.First(World.IsUp);
        return AskController<T>(controller, question, timeout);
    }

    /// <summary>Asks through the admin API of <paramref name="controller"/>, a running controller node.</summary>
    public T AskController<T>(string controller, object question, TimeSpan? timeout = null)
    {
        if (!World.IsUp(controller))
        {
            throw new InvalidOperationException($"controller {controller} is down");
        }

        var reply = RunsVrm(controller)
            ? World.Ask(Singleton.Proxy.AsPeer(), question, timeout ?? DefaultAskTimeout)
            : StandbyAnswer(controller, question);
        return reply is T typed ? typed : throw new InvalidOperationException($"expected {typeof(T).Name}, got {reply}");
    }

    /// <summary>
    /// A graceful leave of <paramref name="controller"/>: its VRM stops, the lease is handed back so a standby need not
    /// wait out the TTL, and it competes no more until restarted. True if it held the lease and gave it back.
    /// </summary>
    public bool StepDown(string controller) => Singleton.StepDown(controller);

    /// <summary>
    /// Asks the active VRM without running the world; null when no VRM is active (a standby's answer would be a refusal).
    /// The answer shows on the handle once the world has run far enough.
    /// </summary>
    public SimAsk? BeginAsk(object question) =>
        ActiveController is null ? null : World.BeginAsk(Singleton.Proxy.AsPeer(), question);

    /// <summary>A standby names the active controller from the unexpired lease, else nobody; it refuses everything else.</summary>
    private object StandbyAnswer(string controller, object question)
    {
        if (question is GetLeader)
        {
            return Leases.Read(controller) is { } lease && lease.Holder != controller && !lease.IsExpiredAt(World.Clock.Now)
                ? new LeaderInfo(lease.Holder, lease.Epoch, false)
                : new LeaderInfo(string.Empty, 0, false);
        }

        return new AdminFailure(
            AdminFailureKind.NotActive,
            new ErrorResponse($"{controller} is a standby controller; the active one holds the lease", []));
    }
}
