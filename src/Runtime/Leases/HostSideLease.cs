using Akka.Actor;
using Akka.Coordination;
using Cluster.Runtime.Cluster;

namespace Cluster.Runtime.Leases;

/// <summary>
/// The split-brain resolver's lease on host nodes, which have no access to the controller database. Akka's resolver
/// lets the leader of each side decide, and the leader is the lowest address of any role, so a host often decides for
/// a side that has controllers in it (seen: a controller killed, the host leading the survivors). Such a side must
/// survive, and a side without any controller must down itself. So the lease is granted exactly when this node sees a
/// controller that is Up and reachable. What it cannot do is arbitrate between two sides that both have controllers
/// and are both led by hosts; both then stay up, and the singleton's own SQL lease still lets only one VRM run, its
/// epoch fencing every host command.
/// </summary>
public sealed class HostSideLease(LeaseSettings settings, ExtendedActorSystem system) : Lease(settings)
{
    public override Task<bool> Acquire() => Task.FromResult(ControllerReachable());

    public override Task<bool> Acquire(Action<Exception> leaseLostCallback) => Task.FromResult(ControllerReachable());

    public override Task<bool> Release() => Task.FromResult(true);

    public override bool CheckLease() => ControllerReachable();

    private bool ControllerReachable()
    {
        var state = Akka.Cluster.Cluster.Get(system).State;
        return state.Members.Any(m =>
            m.Status == Akka.Cluster.MemberStatus.Up
            && m.HasRole(ClusterRoles.Controller)
            && !state.Unreachable.Contains(m));
    }
}
