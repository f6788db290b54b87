using Cluster.Controller.Vrm.Hosts;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Hosts;

public sealed class HostClaimRuleTests
{
    private static readonly HostId H1 = HostId.From("h-1");
    private const string Old = "akka.tcp://cluster@10.0.0.1:9121/user/cna";
    private const string New = "akka.tcp://cluster@10.0.0.1:9125/user/cna";

    [Fact]
    public void A_new_host_and_the_node_at_the_known_address_are_accepted_whatever_the_holder()
    {
        Assert.Equal(HostClaimVerdict.Accept, HostClaimRule.Decide(H1, null, New, HolderStatus.Live).Verdict);
        Assert.Equal(HostClaimVerdict.Accept, HostClaimRule.Decide(H1, Old, Old, HolderStatus.Live).Verdict);
    }

    [Fact]
    public void A_second_node_while_the_holder_is_live_is_refused_naming_both_addresses()
    {
        var claim = HostClaimRule.Decide(H1, Old, New, HolderStatus.Live);

        Assert.Equal(HostClaimVerdict.Refuse, claim.Verdict);
        Assert.Contains(Old, claim.Reason);
        Assert.Contains(New, claim.Reason);
        Assert.Contains("--host-id", claim.Reason);
    }

    [Fact]
    public void A_node_at_a_new_address_waits_for_a_holder_not_yet_heard_and_moves_in_once_it_is_gone()
    {
        Assert.Equal(HostClaimVerdict.Wait, HostClaimRule.Decide(H1, Old, New, HolderStatus.NotYetHeard).Verdict);
        Assert.Equal(HostClaimVerdict.Move, HostClaimRule.Decide(H1, Old, New, HolderStatus.Gone).Verdict);
    }

    [Theory]
    [InlineData(HostState.Normal, true, true, null, HolderStatus.Live)]
    [InlineData(HostState.Normal, true, true, true, HolderStatus.Live)]
    [InlineData(HostState.Normal, true, true, false, HolderStatus.Gone)]
    [InlineData(HostState.Normal, true, false, null, HolderStatus.Gone)]
    [InlineData(HostState.Normal, false, true, null, HolderStatus.NotYetHeard)]
    [InlineData(HostState.EnteringMaintenance, false, true, true, HolderStatus.NotYetHeard)]
    [InlineData(HostState.Faulty, false, true, null, HolderStatus.Gone)]
    [InlineData(HostState.Maintenance, false, true, null, HolderStatus.Gone)]
    public void The_holder_is_live_only_when_heard_in_this_tenure_within_the_window_and_still_a_member(
        HostState state, bool reported, bool withinWindow, bool? member, HolderStatus expected) =>
        Assert.Equal(expected, HostClaimRule.StatusOf(state, reported, withinWindow, member));

    [Fact]
    public void A_node_is_the_part_of_its_agents_path_before_the_path()
    {
        Assert.Equal("akka.tcp://cluster@10.0.0.1:9121", ClusterNodes.NodeOf(Old));
        Assert.Equal("host-1.local:9120", ClusterNodes.NodeOf("host-1.local:9120"));
        Assert.Equal("host-1", ClusterNodes.NodeOf("host-1/cna"));
    }
}
