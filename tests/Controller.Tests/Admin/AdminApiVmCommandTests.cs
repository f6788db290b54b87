using System.Net;
using System.Net.Http.Json;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// Unit tests of the HTTP mapping: a scripted VRM client stands in for the VRM (see ScriptedVrm).
public sealed class AdminApiVmCommandTests
{
    [Fact]
    public async Task Create_answers_201_with_the_view_and_its_location()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var response = await host.Client.PostAsJsonAsync("/api/vms", Samples.CreateRequest("web-2"), ClusterMessagesJsonContext.Default.CreateVmRequest);

        var vm = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("web-2", vm.Str("name"));
        Assert.Equal("/api/vms/vm-9", response.Headers.Location?.OriginalString);
        var sent = Assert.IsType<CreateVm>(Assert.Single(host.Received));
        Assert.Equal(40, sent.Request.Disks![0].SizeGb);
    }

    [Fact]
    public async Task Start_sends_power_on()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var vm = await HttpAssert.JsonAsync(await host.PostAsync("/api/vms/vm-1/start"), HttpStatusCode.OK);

        Assert.Equal("Running", vm.Str("powerState"));
        Assert.Equal(new PowerOnVm(new VmId("vm-1")), Assert.Single(host.Received));
    }

    [Theory]
    [InlineData("/api/vms/vm-1/stop", true)]
    [InlineData("/api/vms/vm-1/stop?force=false", true)]
    [InlineData("/api/vms/vm-1/stop?force=true", false)]
    public async Task Stop_is_graceful_unless_forced(string path, bool graceful)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        await HttpAssert.JsonAsync(await host.PostAsync(path), HttpStatusCode.OK);

        Assert.Equal(new PowerOffVm(new VmId("vm-1"), graceful), Assert.Single(host.Received));
    }

    [Fact]
    public async Task Stop_with_a_bad_force_value_is_a_400_naming_force()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var reason = await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-1/stop?force=maybe"), HttpStatusCode.BadRequest, "force");

        Assert.Contains("maybe", reason, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task Delete_answers_204_and_unknown_vm_404()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var deleted = await host.DeleteAsync("/api/vms/vm-1");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(new RemoveVm(new VmId("vm-1")), Assert.Single(host.Received));

        await HttpAssert.ErrorAsync(await host.DeleteAsync("/api/vms/vm-404"), HttpStatusCode.NotFound, "vmId");
        await HttpAssert.ErrorAsync(await host.PostAsync("/api/vms/vm-404/start"), HttpStatusCode.NotFound, "vmId");
    }
}
