using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>The coordinator hands every input kind to its component; anything else is reported as unhandled and changes nothing.</summary>
public sealed class VrmDeciderDispatchTests
{
    private readonly VrmDeciderHarness _vrm = new();

    [Fact]
    public void An_input_the_vrm_has_no_use_for_is_reported_unhandled_and_does_nothing_else()
    {
        var stray = new HostRegistrationAccepted(HostId.From("h-1"), 3);

        var step = _vrm.Send(stray, VrmDeciderHarness.HostPeer("h-1"));

        Assert.Same(stray, step.Unhandled);
        Assert.True(step.IsEmpty);
    }

    [Fact]
    public void A_question_is_answered_to_whoever_asked_it()
    {
        _vrm.Register("h-1");

        var step = _vrm.Ask(new ListHosts());

        Assert.Equal([HostId.From("h-1")], step.ReplyTo<HostList>(VrmDeciderHarness.Operator).Hosts.Select(h => h.HostId));
        Assert.Null(step.Unhandled);
    }
}
