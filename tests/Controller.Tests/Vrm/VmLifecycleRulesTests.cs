using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm;

/// <summary>Every power state has a command an operator can take to leave it.</summary>
public sealed class VmLifecycleRulesTests
{
    public static TheoryData<VmPowerState> States() => [.. Enum.GetValues<VmPowerState>()];

    [Theory]
    [MemberData(nameof(States))]
    public void Every_state_allows_start_or_stop(VmPowerState state) =>
        Assert.True(VmLifecycleRules.StartRefusal(state) is null || VmLifecycleRules.StopRefusal(state) is null, $"{state} is a dead end");

    [Theory]
    [InlineData(VmPowerState.Stopped, true, false, true)]
    [InlineData(VmPowerState.Starting, false, true, false)]
    [InlineData(VmPowerState.Running, false, true, false)]
    [InlineData(VmPowerState.Stopping, false, true, false)]
    [InlineData(VmPowerState.Crashed, true, true, true)]
    [InlineData(VmPowerState.Unknown, false, true, false)]
    public void What_each_state_allows(VmPowerState state, bool start, bool stop, bool delete)
    {
        Assert.Equal(start, VmLifecycleRules.StartRefusal(state) is null);
        Assert.Equal(stop, VmLifecycleRules.StopRefusal(state) is null);
        Assert.Equal(delete, VmLifecycleRules.DeleteRefusal(state) is null);
    }

    [Fact]
    public void A_stopping_vm_refuses_start_and_delete_with_the_way_out()
    {
        Assert.Contains("stop --force", VmLifecycleRules.StartRefusal(VmPowerState.Stopping), StringComparison.Ordinal);
        Assert.Contains("stop --force", VmLifecycleRules.DeleteRefusal(VmPowerState.Stopping), StringComparison.Ordinal);
    }
}
