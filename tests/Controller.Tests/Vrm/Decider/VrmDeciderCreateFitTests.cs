using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm.Decider;

/// <summary>A VM no registered host could ever run is refused at create, naming the field; NUMA fit is kept and placed by.</summary>
public sealed class VrmDeciderCreateFitTests
{
    private static readonly DatastoreId Ds = DatastoreId.From("ds-1");

    private readonly VrmDeciderHarness _vrm = new();

    public VrmDeciderCreateFitTests() => _vrm.Ask(new AddDatastore(Ds, "ds-1", 10_000));

    [Theory]
    [InlineData(2, 300_000, "memoryMb", "must be at most 258048")]
    [InlineData(64, 4096, "vcpus", "must be at most 38")]
    public void A_vm_bigger_than_every_host_is_refused_naming_the_field_and_the_limit(int vcpus, long memoryMb, string field, string limit)
    {
        _vrm.Register("h-1");

        var step = _vrm.Ask(new CreateVm(new CreateVmRequest("big", vcpus, memoryMb, [new VmDisk(Ds, 40)])));

        var error = Assert.Single(step.ReplyTo<AdminFailure>(VrmDeciderHarness.Operator).Error.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(limit, error.Reason, StringComparison.Ordinal);
        Assert.Empty(step.Events);
    }

    [Fact]
    public void A_cpu_baseline_no_host_offers_is_refused()
    {
        _vrm.Register("h-1");

        var step = _vrm.Ask(new CreateVm(new CreateVmRequest("avx", 2, 4096, [new VmDisk(Ds, 40)], RequiredCpuBaseline: new CpuFeatureSet("GenuineIntel", ["avx512f"]))));

        Assert.Equal("requiredCpuBaseline", Assert.Single(step.ReplyTo<AdminFailure>(VrmDeciderHarness.Operator).Error.Errors).Field);
    }

    [Fact]
    public void A_numa_fit_no_socket_gives_is_refused()
    {
        _vrm.Register("h-1");

        var step = _vrm.Ask(new CreateVm(new CreateVmRequest("wide", 30, 4096, [new VmDisk(Ds, 40)], RequiresNumaFit: true)));

        Assert.Equal("requiresNumaFit", Assert.Single(step.ReplyTo<AdminFailure>(VrmDeciderHarness.Operator).Error.Errors).Field);
    }

    [Fact]
    public void Sizes_met_by_different_hosts_but_by_no_one_host_are_refused()
    {
        _vrm.Send(new HostRegister(HostId.From("h-1"), "h-1.local:9120", new HostHardware(2, 10, 2, 2600, 65_536), CpuFeatureSet.None, [Ds]), VrmDeciderHarness.HostPeer("h-1"));
        _vrm.Send(new HostRegister(HostId.From("h-2"), "h-2.local:9120", new HostHardware(1, 4, 2, 2600, 262_144), CpuFeatureSet.None, [Ds]), VrmDeciderHarness.HostPeer("h-2"));

        var step = _vrm.Ask(new CreateVm(new CreateVmRequest("odd", 30, 100_000, [new VmDisk(Ds, 40)])));

        Assert.Equal("body", Assert.Single(step.ReplyTo<AdminFailure>(VrmDeciderHarness.Operator).Error.Errors).Field);
    }

    [Fact]
    public void With_no_host_registered_yet_a_large_vm_is_accepted()
    {
        var step = _vrm.Ask(new CreateVm(new CreateVmRequest("big", 64, 300_000, [new VmDisk(Ds, 40)])));

        Assert.Single(step.EventsOf<VmCreated>());
    }

    [Fact]
    public void A_vm_that_asks_for_one_numa_node_is_placed_only_where_a_socket_holds_it()
    {
        _vrm.Register("h-1");
        _vrm.Send(new HostRegister(HostId.From("h-2"), "h-2.local:9120", new HostHardware(1, 20, 2, 2600, 262_144), CpuFeatureSet.None, [Ds]), VrmDeciderHarness.HostPeer("h-2"));
        var vm = _vrm.Ask(new CreateVm(new CreateVmRequest("wide", 30, 4096, [new VmDisk(Ds, 40)], RequiresNumaFit: true))).ReplyTo<VmView>(VrmDeciderHarness.Operator).VmId;

        var started = _vrm.Ask(new PowerOnVm(vm));

        Assert.Equal(HostId.From("h-2"), Assert.Single(started.EventsOf<VmPlaced>()).Host);
        Assert.True(Assert.Single(started.SentTo<StartVm>(VrmDeciderHarness.HostPeer("h-2"))).Spec.RequiresNumaFit);
    }
}
