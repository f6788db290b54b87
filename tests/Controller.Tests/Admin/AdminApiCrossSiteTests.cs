using System.Net;
using Cluster.Controller.Admin;
using Cluster.Controller.Vrm;

namespace Cluster.Controller.Tests.Admin;

// No cross-site requests: a web page in the operator's browser must not be able to drive the loopback API.
public sealed class AdminApiCrossSiteTests
{
    private const string StopForce = "/api/vms/vm-1/stop?force=true";

    [Fact]
    public async Task The_attack_from_the_issue_does_not_stop_the_vm()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var response = await host.SendAsync(HttpMethod.Post, StopForce, string.Empty, "text/plain", ("Origin", "http://evil.example"), ("Host", "evil.example"));

        Assert.True((int)response.StatusCode is 421 or 403 or 415, $"got {(int)response.StatusCode}");
        await HttpAssert.ProblemAsync(response, response.StatusCode);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task A_state_change_that_is_not_application_json_is_a_415_even_without_a_body()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var plain = await host.SendAsync(HttpMethod.Post, StopForce, string.Empty, "text/plain");
        var form = await host.SendAsync(HttpMethod.Post, StopForce, "force=true", "application/x-www-form-urlencoded");
        var none = await host.SendAsync(HttpMethod.Post, StopForce, json: null);
        var delete = await host.SendAsync(HttpMethod.Delete, "/api/vms/vm-1", json: null);

        Assert.Contains("must be application/json", await HttpAssert.ErrorAsync(plain, HttpStatusCode.UnsupportedMediaType, "Content-Type"), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(form, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await HttpAssert.ErrorAsync(none, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await HttpAssert.ErrorAsync(delete, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task A_foreign_host_header_is_refused_dns_rebinding()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var post = await host.SendAsync(HttpMethod.Post, StopForce, string.Empty, headers: ("Host", "evil.example:9110"));
        var get = await host.SendAsync(HttpMethod.Get, "/api/vms", json: null, headers: ("Host", "evil.example"));

        Assert.Contains("'evil.example:9110' is not a name of this controller", await HttpAssert.ErrorAsync(post, HttpStatusCode.MisdirectedRequest, "Host"), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(get, HttpStatusCode.MisdirectedRequest, "Host");
        Assert.Empty(host.Received);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:9110")]
    [InlineData("localhost")]
    [InlineData("LocalHost:1")]
    [InlineData("[::1]")]
    [InlineData("[::1]:9110")]
    public async Task Loopback_host_names_are_accepted_with_or_without_a_port(string hostHeader)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        await HttpAssert.JsonAsync(await host.SendAsync(HttpMethod.Post, StopForce, string.Empty, headers: ("Host", hostHeader)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_configured_host_name_is_accepted()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, new AdminApiOptions { AllowedHostNames = ["vrm.example.net"] });

        await HttpAssert.JsonAsync(await host.SendAsync(HttpMethod.Get, "/api/vms", json: null, headers: ("Host", "vrm.example.net:9110")), HttpStatusCode.OK);
        await HttpAssert.ErrorAsync(await host.SendAsync(HttpMethod.Get, "/api/vms", json: null, headers: ("Host", "other.example.net")), HttpStatusCode.MisdirectedRequest, "Host");
    }

    [Fact]
    public async Task A_cross_origin_request_is_a_403_for_reads_and_writes()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var post = await host.SendAsync(HttpMethod.Post, StopForce, string.Empty, headers: ("Origin", "http://evil.example"));
        var get = await host.SendAsync(HttpMethod.Get, "/api/vms", json: null, headers: ("Origin", "null"));

        Assert.Contains("'http://evil.example' may not call this API", await HttpAssert.ErrorAsync(post, HttpStatusCode.Forbidden, "Origin"), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(get, HttpStatusCode.Forbidden, "Origin");
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task A_configured_origin_is_accepted()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, new AdminApiOptions { AllowedOrigins = ["https://console.example:8443"] });

        await HttpAssert.JsonAsync(await host.SendAsync(HttpMethod.Post, StopForce, string.Empty, headers: ("Origin", "https://console.example:8443")), HttpStatusCode.OK);
        Assert.IsType<PowerOffVm>(Assert.Single(host.Received));
    }

    [Fact]
    public async Task Healthz_answers_probes_whatever_their_host_header()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var response = await host.SendAsync(HttpMethod.Get, "/healthz", json: null, headers: ("Host", "10.1.2.3:9110"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
