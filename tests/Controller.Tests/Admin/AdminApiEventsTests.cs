using System.Net;
using System.Text.Json;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// Unit tests of the HTTP mapping over an in-memory event feed; the VRM is not involved in /api/events.
public sealed class AdminApiEventsTests
{
    [Fact]
    public async Task An_empty_journal_is_an_empty_array()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var rows = await GetAsync(host, "/api/events");

        Assert.Equal(JsonValueKind.Array, rows.ValueKind);
        Assert.Equal(0, rows.GetArrayLength());
    }

    [Fact]
    public async Task Rows_carry_the_metadata_and_the_decoded_event()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        await host.AppendAsync("vrm", 1, new HostStateChanged(new HostId("h-1"), HostState.Normal, HostState.Faulty, "10 heartbeats missed"));

        var row = (await GetAsync(host, "/api/events"))[0];

        Assert.Equal(1, row.GetProperty("ordering").GetInt64());
        Assert.Equal("vrm", row.Str("persistenceId"));
        Assert.Equal(1, row.GetProperty("sequenceNr").GetInt64());
        Assert.Equal("inv.host-state-changed.v1", row.Str("manifest"));
        Assert.True(row.GetProperty("created").TryGetDateTimeOffset(out _));
        Assert.Equal("Faulty", row.GetProperty("event").Str("to"));
    }

    [Fact]
    public async Task Pages_follow_after_and_max()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        for (var i = 1; i <= 5; i++)
        {
            await host.AppendAsync("vrm", i, new HostStateChanged(new HostId($"h-{i}"), HostState.Connecting, HostState.Normal, "registered"));
        }

        var first = await GetAsync(host, "/api/events?max=2");
        var rest = await GetAsync(host, "/api/events?after=2");
        var none = await GetAsync(host, "/api/events?after=5");

        Assert.Equal([1L, 2L], Orderings(first));
        Assert.Equal([3L, 4L, 5L], Orderings(rest));
        Assert.Empty(Orderings(none));
    }

    [Fact]
    public async Task Max_defaults_to_100_and_is_capped_at_1000()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        for (var n = 1; n <= 1001; n++)
        {
            await host.AppendAsync("vrm", n, new HostStateChanged(new HostId("h-1"), HostState.Connecting, HostState.Normal, "x"));
        }

        Assert.Equal(100, (await GetAsync(host, "/api/events")).GetArrayLength());
        Assert.Equal(1000, (await GetAsync(host, "/api/events?max=5000")).GetArrayLength());
    }

    [Fact]
    public async Task An_undecodable_event_is_shown_with_a_null_event()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);
        host.Events.AppendUndecodable("other", 1, "unknown.v1");

        var row = (await GetAsync(host, "/api/events"))[0];

        Assert.Equal("unknown.v1", row.Str("manifest"));
        Assert.Equal(JsonValueKind.Null, row.GetProperty("event").ValueKind);
    }

    [Theory]
    [InlineData("after=abc", "after")]
    [InlineData("after=-1", "after")]
    [InlineData("max=0", "max")]
    [InlineData("max=1e3", "max")]
    [InlineData("max=1&max=2", "max")]
    public async Task Bad_query_values_are_a_400_naming_the_parameter(string query, string field)
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/events?" + query, UriKind.Relative)), HttpStatusCode.BadRequest, field);
    }

    private static async Task<JsonElement> GetAsync(AdminApiHost host, string path) =>
        await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.OK);

    private static long[] Orderings(JsonElement rows) => [.. rows.EnumerateArray().Select(r => r.GetProperty("ordering").GetInt64())];
}
