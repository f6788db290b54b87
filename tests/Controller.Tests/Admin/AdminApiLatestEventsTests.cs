using System.Net;
using System.Text.Json;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// /api/events?last=N: the newest events, found with forward reads only.
public sealed class AdminApiLatestEventsTests
{
    private static async Task<JsonElement> GetAsync(AdminApiHost host, string path) =>
        await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.OK);

    [Theory]
    [InlineData(0, 3, new long[0])]
    [InlineData(2, 3, new long[] { 1, 2 })]
    [InlineData(37, 3, new long[] { 35, 36, 37 })]
    [InlineData(64, 1, new long[] { 64 })]
    [InlineData(65, 5, new long[] { 61, 62, 63, 64, 65 })]
    public async Task Last_n_is_the_newest_n_in_order(int stored, int last, long[] orderings)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        for (var i = 1; i <= stored; i++)
        {
            await host.AppendAsync("vrm", i, new HostStateChanged(new HostId("h-1"), HostState.Normal, HostState.Faulty, $"beat {i}"));
        }

        var rows = await GetAsync(host, $"/api/events?last={last}");

        Assert.Equal(orderings, rows.EnumerateArray().Select(r => r.GetProperty("ordering").GetInt64()));
    }

    [Fact]
    public async Task Last_with_after_is_a_400_naming_last()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/events?last=5&after=2", UriKind.Relative)), HttpStatusCode.BadRequest, "last");
    }
}
