using System.Net;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// Live reconfiguration's fields through POST /api/vms/{id}/reconfigure against a scripted VRM: what reaches the VRM, and
// its refusals as problem details naming the field.
public sealed class AdminApiHotReconfigureTests
{
    private static object? Answer(object message) => message switch
    {
        ReconfigureVm { Request.MemoryMb: 2048 } => AdminFailure.Conflict("memoryMb", "VM vm-1 runs with 4096 MB and memory is not hot-removed (asked 2048); stop it to remove memory"),
        ReconfigureVm { Request.Vcpus: 64 } => AdminFailure.Conflict("host", "host h-1 refused to reconfigure VM vm-1: VM has 64 vCPUs, host only 38 usable"),
        ReconfigureVm r => Samples.Vm(state: VmPowerState.Running) with { Vcpus = r.Request.Vcpus ?? 2, MemoryMb = r.Request.MemoryMb ?? 4096, Nics = r.Request.AddNics },
        _ => Samples.Answer(message),
    };

    [Fact]
    public async Task Vcpus_memory_disk_growth_and_nics_reach_the_vrm_and_the_vm_is_answered_with_its_nics()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        var vm = await HttpAssert.JsonAsync(
            await host.PostAsync("/api/vms/vm-1/reconfigure", """{"vcpus":4,"memoryMb":8192,"disks":[{"index":0,"sizeGb":80}],"addNics":[{"network":"vm-net"}]}"""),
            HttpStatusCode.OK);

        var sent = Assert.IsType<ReconfigureVm>(Assert.Single(host.Received)).Request;
        Assert.Equal((4, 8192L), (sent.Vcpus, sent.MemoryMb));
        Assert.Equal([new DiskGrowth(0, 80)], sent.Disks);
        Assert.Equal([new VmNic("vm-net")], sent.AddNics);
        Assert.Equal("vm-net", vm.GetProperty("nics")[0].Str("network"));
    }

    [Fact]
    public async Task A_hot_remove_is_409_problem_details_naming_memoryMb()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        var reason = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-1/reconfigure", """{"memoryMb":2048}"""), HttpStatusCode.Conflict, "memoryMb");

        Assert.Contains("not hot-removed", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hosts_refusal_is_409_naming_the_host_with_its_reason()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        var reason = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-1/reconfigure", """{"vcpus":64}"""), HttpStatusCode.Conflict, "host");

        Assert.Contains("38 usable", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disk_index_no_int_holds_is_400_naming_it_and_never_reaches_the_vrm()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        var reason = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-1/reconfigure", """{"disks":[{"index":99999999999,"sizeGb":80}]}"""), HttpStatusCode.BadRequest, "disks[0].index");

        Assert.Contains("63", reason, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task A_vm_view_without_nics_has_no_nics_field()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        var vm = await HttpAssert.JsonAsync(await host.PostAsync("/api/vms/vm-1/reconfigure", """{"vcpus":4}"""), HttpStatusCode.OK);

        Assert.False(vm.TryGetProperty("nics", out _));
    }
}
