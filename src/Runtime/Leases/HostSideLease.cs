using Akka.Actor;
using Akka.Cluster;
using Akka.Coordination;
using Cluster.Messages;
using Cluster.Runtime.Cluster;

namespace Cluster.Runtime.Leases;

/// <summary>
/// The split-brain resolver's lease on host nodes, which have no access to the controller database. Akka's resolver
/// lets the leader of each side decide, and the leader is the lowest address of any role, so a host often decides for
/// a side that has controllers in it (seen: a controller killed, a host leading the survivors; and a controller cut
/// off alone, the other controller's side led by a host). The host asks a controller it can reach, oldest first, to
/// take the resolver's SQL row for it (<see cref="SplitBrainLeaseBroker"/>), so both sides of a partition compete for
/// the same row and exactly one survives. A side without a reachable controller is refused at once and downs itself.
/// </summary>
public sealed class HostSideLease(LeaseSettings settings, ExtendedActorSystem system) : Lease(settings)
{
    private volatile bool _held;

    public override Task<bool> Acquire() => AskAsync(release: false);

    public override Task<bool> Acquire(Action<Exception> leaseLostCallback) => AskAsync(release: false);

    public override async Task<bool> Release()
    {
        _held = false;
        await AskAsync(release: true).ConfigureAwait(false);
        return true;
    }

    public override bool CheckLease() => _held;

    private async Task<bool> AskAsync(bool release)
    {
        var request = new SplitBrainLeaseRequest(Settings.LeaseName, Settings.OwnerName, release);
        foreach (var controller in ReachableControllers())
        {
            try
            {
                var broker = system.ActorSelection(new RootActorPath(controller.Address) / "user" / SplitBrainLeaseBroker.Name);
                var answer = await broker.Ask<SplitBrainLeaseAnswer>(request, Settings.TimeoutSettings.OperationTimeout).ConfigureAwait(false);
                if (answer.Problem is null)
                {
                    // The row's answer is final: another side holds it, or it is now ours.
                    _held = !release && answer.Granted;
                    return answer.Granted;
                }
            }
            catch (AskTimeoutException)
            {
                // That controller did not answer in time (it may be on the other side by now): try the next one.
            }
        }

        _held = false;
        return false;
    }

    private List<Member> ReachableControllers()
    {
        var state = Akka.Cluster.Cluster.Get(system).State;
        return [.. state.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(ClusterRoles.Controller) && !state.Unreachable.Contains(m))
            .OrderBy(m => m, Member.AgeOrdering)];
    }
}
