using System.Net;
using System.Text.Json;

namespace Cluster.Controller.Tests.Admin;

// /api/cluster/members, leave and down over a FakeClusterAdmin, and without one (a controller not on Akka.Cluster).
public sealed class AdminApiMembershipTests
{
    [Fact]
    public async Task Members_lists_each_member_with_roles_status_and_reachability_then_leader_and_singleton()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, cluster: new FakeClusterAdmin());

        var view = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/cluster/members", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal((FakeClusterAdmin.ControllerB, FakeClusterAdmin.ControllerA, FakeClusterAdmin.ControllerA), (view.Str("selfAddress"), view.Str("leader"), view.Str("singletonAt")));
        var members = view.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(3, members.Count);
        var hostC = members[2];
        Assert.Equal((FakeClusterAdmin.HostC, "host", "Up", false, FakeClusterAdmin.ControllerB), (
            hostC.Str("address"),
            hostC.GetProperty("roles")[0].GetString(),
            hostC.Str("status"),
            hostC.GetProperty("reachable").GetBoolean(),
            hostC.GetProperty("unreachableBy")[0].GetString()));
        Assert.Equal(13, hostC.GetProperty("uid").GetInt64());
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task A_member_address_is_sent_on_and_answered_202_with_the_member(string command)
    {
        var cluster = new FakeClusterAdmin();
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, cluster: cluster);

        var member = await HttpAssert.JsonAsync(await host.PostAsync($"/api/cluster/{command}", Body(FakeClusterAdmin.HostC)), HttpStatusCode.Accepted);

        Assert.Equal(FakeClusterAdmin.HostC, member.Str("address"));
        Assert.Equal((command, FakeClusterAdmin.HostC), Assert.Single(cluster.Calls));
    }

    [Fact]
    public async Task A_malformed_address_is_400_and_an_unknown_one_404_both_naming_address()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, cluster: new FakeClusterAdmin());

        var malformed = await HttpAssert.ErrorAsync(await host.PostAsync("/api/cluster/down", Body(FakeClusterAdmin.Malformed)), HttpStatusCode.BadRequest, "address");
        var unknown = await HttpAssert.ErrorAsync(await host.PostAsync("/api/cluster/leave", Body("akka.tcp://cluster@127.0.0.1:1")), HttpStatusCode.NotFound, "address");

        Assert.Contains("not an Akka address", malformed, StringComparison.Ordinal);
        Assert.Contains("is not a member", unknown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("""{"adress":"akka.tcp://cluster@127.0.0.1:9200"}""", "adress")]
    [InlineData("""{"address":9200}""", "address")]
    public async Task A_bad_body_is_400_naming_the_field_and_nothing_is_sent(string json, string field)
    {
        var cluster = new FakeClusterAdmin();
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, cluster: cluster);

        await HttpAssert.ErrorAsync(await host.PostAsync("/api/cluster/leave", json), HttpStatusCode.BadRequest, field);

        Assert.Empty(cluster.Calls);
    }

    [Fact]
    public async Task The_request_guard_refuses_a_leave_that_is_not_json_before_it_reaches_the_cluster()
    {
        var cluster = new FakeClusterAdmin();
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, cluster: cluster);

        await HttpAssert.ProblemAsync(await host.SendAsync(HttpMethod.Post, "/api/cluster/leave", Body(FakeClusterAdmin.HostC), "text/plain"), HttpStatusCode.UnsupportedMediaType);

        Assert.Empty(cluster.Calls);
    }

    [Fact]
    public async Task Without_cluster_membership_members_leave_and_down_are_503_saying_so()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer);

        var answers = new[]
        {
            await host.Client.GetAsync(new Uri("/api/cluster/members", UriKind.Relative)),
            await host.PostAsync("/api/cluster/leave", Body(FakeClusterAdmin.HostC)),
            await host.PostAsync("/api/cluster/down", Body(FakeClusterAdmin.HostC)),
        };

        foreach (var answer in answers)
        {
            var problem = await HttpAssert.ProblemAsync(answer, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("cluster membership is not available", problem.Str("detail"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_leader_answer_keeps_its_fields_and_adds_where_the_singleton_runs()
    {
        await using var withCluster = await AdminApiHost.StartAsync(Samples.Answer, cluster: new FakeClusterAdmin());
        await using var without = await AdminApiHost.StartAsync(Samples.Answer);

        var leader = await HttpAssert.JsonAsync(await withCluster.Client.GetAsync(new Uri("/api/cluster/leader", UriKind.Relative)), HttpStatusCode.OK);
        var plain = await HttpAssert.JsonAsync(await without.Client.GetAsync(new Uri("/api/cluster/leader", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal((Samples.Leader().Holder, Samples.Leader().Epoch), (leader.Str("holder"), leader.GetProperty("epoch").GetInt64()));
        Assert.Equal(FakeClusterAdmin.ControllerA, leader.Str("singletonAt"));
        Assert.Equal(Samples.Leader().Holder, plain.Str("holder"));
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("singletonAt").ValueKind);
    }

    [Fact]
    public async Task A_standby_with_no_VRM_to_ask_still_names_where_the_singleton_runs()
    {
        await using var host = await AdminApiHost.StartAsync(Samples.Answer, vrmRunning: false, cluster: new FakeClusterAdmin());

        var leader = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/cluster/leader", UriKind.Relative)), HttpStatusCode.OK);

        Assert.False(leader.GetProperty("isActive").GetBoolean());
        Assert.Equal(FakeClusterAdmin.ControllerA, leader.Str("singletonAt"));
    }

    private static string Body(string address) => JsonSerializer.Serialize(new { address });
}
