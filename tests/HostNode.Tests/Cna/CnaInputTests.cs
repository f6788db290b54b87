using Cluster.Deciders;
using Cluster.HostNode.Cna;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Node;
using Cluster.Messages;
using static Cluster.HostNode.Tests.Cna.CnaHarness;

namespace Cluster.HostNode.Tests.Cna;

/// <summary>What the CNA does with inputs it has no use for: a stray one is reported, a stale or empty answer is taken silently.</summary>
public sealed class CnaInputTests
{
    [Fact]
    public void An_input_the_cna_has_no_use_for_is_reported_unhandled_and_changes_nothing()
    {
        var harness = new CnaHarness();

        var stray = harness.Send("not a CNA input", Controller1);

        Assert.Equal("not a CNA input", stray.Unhandled);
        Assert.True(stray.IsEmpty);
    }

    [Fact]
    public void A_registration_accepted_by_an_older_epoch_is_stale_and_not_unhandled()
    {
        var harness = new CnaHarness();
        harness.Send(new HostRegistrationAccepted(Host, 5), Controller1);

        var stale = harness.Send(new HostRegistrationAccepted(Host, 4), Controller2);

        Assert.Null(stale.Unhandled);
        Assert.Equal(5, harness.Cna.HighestEpoch);
    }

    [Fact]
    public void Answers_that_ask_nothing_more_are_taken_silently()
    {
        var harness = new CnaHarness(s => s with { IsolationResponse = IsolationResponse.PowerOff });
        var fence = new PerformHypervisorOperation(new FenceGuest(VmId.From("vm-0001")), Context: null);

        var answers = new object[]
        {
            NoAnswer.Instance,
            new HypervisorOperationPerformed(fence, Refusal: null),
            new ControllerUnreachable(new Peer("not-a-controller")),
        }.Select(harness.Answer);

        Assert.All(answers, answer => Assert.Null(answer.Unhandled));
        Assert.False(harness.Cna.Isolated);
    }
}
