using System.Globalization;
using System.Text.Json;

namespace Cluster.Shell.Tests;

// cluster show, leave, down and leader against canned /api/cluster answers (see CannedServer), pbm style.
public sealed class MembershipCommandTests
{
    private const string HostC = "akka.tcp://cluster@10.0.0.7:4053";

    [Fact]
    public async Task Show_lists_members_with_roles_status_and_reachability_then_the_leader_and_the_VRM_singleton()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster/members", 200, Json.Members);

        var result = await ShellRunner.RunAsync(server, "cluster", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"ADDRESS\s+.\s+ROLES\s+.\s+STATUS\s+.\s+REACHABILITY", result.Out);
        Assert.Matches(@"akka\.tcp://cluster@10\.0\.0\.1:4053\s+.\s+controller\s+.\s+Up\s+.\s+reachable", result.Out);
        Assert.Matches(@"akka\.tcp://cluster@10\.0\.0\.7:4053\s+.\s+host\s+.\s+Leaving\s+.\s+unreachable by akka\.tcp://cluster@10\.0\.0\.2:4053", result.Out);
        Assert.Matches(@"members\s+3", result.Out);
        Assert.Matches(@"leader\s+akka\.tcp://cluster@10\.0\.0\.1:4053", result.Out);
        Assert.Matches(@"vrm singleton\s+akka\.tcp://cluster@10\.0\.0\.1:4053", result.Out);
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task Leave_and_down_post_the_address_and_say_the_change_was_requested(string command)
    {
        await using var server = await CannedServer.StartAsync();
        server.On($"POST /api/cluster/{command}", 202, Json.Member);

        var result = await ShellRunner.RunAsync(server, "cluster", command, HostC);

        Assert.Equal((ExitCodes.Ok, $"{HostC}: {command} requested (was Up); 'cluster show' follows it{Environment.NewLine}"), (result.ExitCode, result.Out));
        var seen = Assert.Single(server.Seen);
        Assert.Equal(("POST", "application/json; charset=utf-8"), (seen.Method, seen.ContentType));
        Assert.Equal(HostC, JsonDocument.Parse(seen.Body).RootElement.GetProperty("address").GetString());
    }

    [Theory]
    [InlineData(new[] { "cluster", "leave" }, "cluster leave: missing argument <address>")]
    [InlineData(new[] { "cluster", "down", "10.0.0.7:4053" }, "cluster down: <address> must be an Akka address")]
    [InlineData(new[] { "cluster", "down", "akka.tcp://10.0.0.7:4053" }, "cluster down: <address> has no actor system name")]
    [InlineData(new[] { "cluster", "leave", "akka.tcp://cluster@10.0.0.7" }, "cluster leave: <address> must name a host and a port")]
    [InlineData(new[] { "cluster", "leave", "akka.tcp://cluster@10.0.0.7:99999" }, "cluster leave: <address> must be an Akka address")]
    [InlineData(new[] { "cluster", "leave", "akka.tcp://cluster@10.0.0.7:4053/user" }, "cluster leave: <address> must not have a path")]
    public async Task A_missing_or_malformed_address_is_a_usage_error_and_nothing_is_sent(string[] args, string message)
    {
        await using var server = await CannedServer.StartAsync();

        var result = await ShellRunner.RunAsync(server, args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: " + message, result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task A_refusal_from_the_controller_prints_its_reason()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/cluster/down", 404, Json.Error($"{HostC} is not a member of this cluster", "address", "not a member"))
            .On("GET /api/cluster/members", 503, Json.Error("cluster membership is not available on this controller", "body", "n/a"));

        var down = await ShellRunner.RunAsync(server, "cluster", "down", HostC);
        var show = await ShellRunner.RunAsync(server, "cluster", "show");

        Assert.Equal((ExitCodes.Refused, ExitCodes.Refused), (down.ExitCode, show.ExitCode));
        Assert.Contains("is not a member of this cluster", down.Error, StringComparison.Ordinal);
        Assert.Contains("cluster membership is not available", show.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"holder":"controller-a","epoch":7,"isActive":false,"singletonAt":"akka.tcp://cluster@10.0.0.1:4053"}""", "holder         controller-a\nepoch          7\nactive         no (this controller is a standby)\nvrm singleton  akka.tcp://cluster@10.0.0.1:4053")]
    [InlineData("""{"holder":"","epoch":0,"isActive":false,"singletonAt":"akka.tcp://cluster@10.0.0.1:4053"}""", "standby; lease holder not seen yet; the VRM singleton runs at akka.tcp://cluster@10.0.0.1:4053")]
    public async Task Leader_on_a_standby_adds_where_membership_places_the_VRM_singleton(string body, string expected)
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster/leader", 200, body);

        var result = await ShellRunner.RunAsync(server, "cluster", "leader");

        Assert.Equal(expected, string.Join('\n', result.Out.TrimEnd().Split(Environment.NewLine).Select(l => l.TrimEnd())));
    }

    [Theory]
    [InlineData("--host")]
    [InlineData("--host", "host:port", "cluster", "show")]
    [InlineData("--host", ":99999", "cluster", "show")]
    [InlineData("--host", "x:", "cluster", "show")]
    [InlineData("--host=", "cluster", "show")]
    [InlineData("bad:port", "cluster", "show")]
    [InlineData("bad:port")]
    [InlineData("--port", "x", "cluster", "show")]
    [InlineData("--output", "yaml", "cluster", "show")]
    public async Task Every_bad_global_value_is_one_usage_line_and_exit_2_from_the_real_process(params string[] args)
    {
        // The issue: "--host host:port" aborted with exit 134 in an older build; the built shell must answer 2.
        var result = await ShellProcess.RunAsync(string.Empty, args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task A_positional_host_and_port_reaches_the_controller_like_pbm()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/cluster/members", 200, Json.Members);

        var result = await ShellProcess.RunAsync(string.Empty, "127.0.0.1:" + server.Port.ToString(CultureInfo.InvariantCulture), "cluster", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("/api/cluster/members", Assert.Single(server.Seen).PathAndQuery);
    }
}
