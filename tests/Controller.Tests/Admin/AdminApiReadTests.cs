using System.Net;

namespace Cluster.Controller.Tests.Admin;

// Unit tests of the HTTP mapping: a scripted VRM client stands in for the VRM (see ScriptedVrm).
public sealed class AdminApiReadTests
{
    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var response = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Cluster_returns_the_status_in_camel_case_with_enum_names()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var status = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/cluster", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal("c-1", status.Str("clusterId"));
        Assert.Equal(7, status.GetProperty("epoch").GetInt64());
        Assert.Equal("Normal", status.GetProperty("hosts")[0].Str("state"));
        Assert.Equal("vm-1", status.GetProperty("vms")[0].Str("vmId"));
    }

    [Fact]
    public async Task Leader_returns_holder_epoch_and_whether_active()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var leader = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/cluster/leader", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal("controller-a", leader.Str("holder"));
        Assert.Equal(7, leader.GetProperty("epoch").GetInt64());
        Assert.True(leader.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task Hosts_list_is_a_json_array()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var hosts = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/hosts", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal(["h-1", "h-2"], hosts.EnumerateArray().Select(h => h.Str("hostId")));
    }

    [Fact]
    public async Task Host_show_and_unknown_host()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var shown = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/hosts/h-1", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(262_144, shown.GetProperty("capacity").GetProperty("memoryMb").GetInt64());

        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/hosts/h-404", UriKind.Relative)), HttpStatusCode.NotFound, "hostId");
    }

    [Fact]
    public async Task Datastores_list_show_and_unknown_datastore()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var all = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/datastores", UriKind.Relative)), HttpStatusCode.OK);
        var shown = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/datastores/ds-1", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal(["ds-1", "ds-2"], all.EnumerateArray().Select(d => d.Str("datastoreId")));
        Assert.Equal(460, shown.GetProperty("freeGb").GetInt64());
        Assert.Equal("h-1", shown.GetProperty("hosts")[0].Str("hostId"));
        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/datastores/ds-404", UriKind.Relative)), HttpStatusCode.NotFound, "datastoreId");
    }

    [Fact]
    public async Task Vms_list_and_show()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var vms = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/vms", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(["Running", "Stopped"], vms.EnumerateArray().Select(v => v.Str("powerState")));

        var vm = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/vms/vm-1", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal("High", vm.Str("restartPriority"));
        Assert.Equal("h-1", vm.Str("host"));
    }

    [Theory]
    [InlineData("/api/vms/%20")]
    [InlineData("/api/hosts/%20")]
    public async Task A_blank_id_is_a_400_naming_id_and_never_reaches_the_vrm(string path)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.BadRequest, "id");
        Assert.Empty(host.Received);
    }
}
