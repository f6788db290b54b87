using System.Net;
using Cluster.Controller.Admin;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Controller.Tests.Admin;

// Unit tests of the HTTP mapping: a scripted VRM client stands in for the VRM (see ScriptedVrm).
public sealed class AdminApiAuthTests
{
    private static readonly AdminApiOptions WithToken = new() { BearerToken = "s3cret", RequireToken = true };

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, WithToken);

        var response = await host.Client.GetAsync(new Uri("/api/cluster", UriKind.Relative));

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "authorization");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task A_wrong_token_answers_401_and_the_right_one_200()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, WithToken);

        host.UseToken("guess");
        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/events", UriKind.Relative)), HttpStatusCode.Unauthorized, "authorization");

        host.UseToken("s3cret");
        await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/events", UriKind.Relative)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Healthz_stays_open()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, WithToken);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Metrics_ask_for_the_token_like_the_api()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, WithToken with { ServesMetrics = true });

        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri(AdminApi.MetricsPath, UriKind.Relative)), HttpStatusCode.Unauthorized, "authorization");
        host.UseToken("s3cret");
        var scrape = await host.Client.GetAsync(new Uri(AdminApi.MetricsPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Contains("dotnet_", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_of_a_loopback_api_without_a_token_are_open()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, new AdminApiOptions { ServesMetrics = true });

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri(AdminApi.MetricsPath, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public void Requiring_a_token_without_one_fails_at_start_up()
    {
        Assert.Throws<ArgumentException>(() => new AdminApi(
            new ScriptedVrm(_ => null, running: false), new ListEventFeed(), NullLoggerFactory.Instance, new AdminApiOptions { RequireToken = true }));
    }

    [Fact]
    public void Only_loopback_bindings_may_go_without_a_token()
    {
        Assert.False(AdminApiOptions.TokenRequiredFor([IPAddress.Loopback, IPAddress.IPv6Loopback]));
        Assert.True(AdminApiOptions.TokenRequiredFor([IPAddress.Loopback, IPAddress.Any]));
    }
}
