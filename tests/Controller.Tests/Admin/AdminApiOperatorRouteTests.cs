using System.Net;
using System.Text;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// Host removal, VM reconfiguration and stop answers against a scripted VRM (see ScriptedVrm).
public sealed class AdminApiOperatorRouteTests
{
    private static object? Answer(object message) => message switch
    {
        RemoveHost { HostId.Value: "h-1" } => Samples.Host(),
        RemoveHost => AdminFailure.Conflict("hostId", "host h-2 still has VMs placed on it: vm-1"),
        ReconfigureVm { VmId.Value: "vm-1" } r => Samples.Vm(state: VmPowerState.Stopped) with { HaEnabled = r.Request.HaEnabled ?? true },
        PowerOffVm { VmId.Value: "vm-1", Graceful: true } => Samples.Vm(state: VmPowerState.Stopping),
        PowerOffVm { VmId.Value: "vm-1" } => Samples.Vm(state: VmPowerState.Stopped),
        _ => Samples.Answer(message),
    };

    [Fact]
    public async Task Delete_host_is_204_or_409_with_the_reason()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync("/api/hosts/h-1")).StatusCode);
        var reason = await HttpAssert.ErrorAsync(await host.DeleteAsync("/api/hosts/h-2"), HttpStatusCode.Conflict, "hostId");
        Assert.Contains("vm-1", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconfigure_sends_the_request_and_answers_the_vm()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        using var body = new StringContent("""{"haEnabled":false,"restartPriority":"Low"}""", Encoding.UTF8, "application/json");
        var vm = await HttpAssert.JsonAsync(await host.Client.PostAsync(new Uri("/api/vms/vm-1/reconfigure", UriKind.Relative), body), HttpStatusCode.OK);

        Assert.False(vm.GetProperty("haEnabled").GetBoolean());
        var sent = Assert.IsType<ReconfigureVm>(Assert.Single(host.Received));
        Assert.Equal(new ReconfigureVmRequest(HaEnabled: false, RestartPriority: RestartPriority.Low), sent.Request);
    }

    [Fact]
    public async Task A_stop_answers_202_while_stopping_and_200_with_the_final_state()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        var graceful = await HttpAssert.JsonAsync(await host.PostAsync("/api/vms/vm-1/stop"), HttpStatusCode.Accepted);
        var forced = await HttpAssert.JsonAsync(await host.PostAsync("/api/vms/vm-1/stop?force=true"), HttpStatusCode.OK);

        Assert.Equal(("Stopping", "Stopped"), (graceful.Str("powerState"), forced.Str("powerState")));
    }
}
