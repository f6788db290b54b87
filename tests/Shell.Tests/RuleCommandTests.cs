namespace Cluster.Shell.Tests;

// The rule and group palettes over real HTTP against canned answers (see CannedServer).
public sealed class RuleCommandTests
{
    private const string Apart = """
        {"name":"web-apart","kind":"AntiAffinity","mandatory":true,"vms":["vm-0001","vm-0002"],"vmGroup":null,"hostGroup":null,
         "violations":["kept apart, but vm-0001, vm-0002 share h-1"],"createdAt":"2026-12-07T10:00:00+00:00"}
        """;

    [Fact]
    public async Task Create_sends_the_kind_and_vms_and_shows_how_the_placement_breaks_the_rule()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/rules", 201, Apart);

        var result = await ShellRunner.RunAsync(server, "rule", "create", "web-apart", "--kind", "antiaffinity", "--vm", "vm-0001", "--vm", "vm-0002");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var sent = Assert.Single(server.Seen);
        Assert.Equal("""{"name":"web-apart","kind":"AntiAffinity","vms":["vm-0001","vm-0002"],"vmGroup":null,"hostGroup":null}""", sent.Body);
        Assert.Contains("kept apart, but vm-0001, vm-0002 share h-1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_each_rule_mandatory_and_broken_or_holding()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/rules", 200, $"[{Apart}]");

        var result = await ShellRunner.RunAsync(server, "rule", "list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"web-apart\s+│\s+AntiAffinity\s+│\s+yes\s+│\s+vm-0001, vm-0002\s+│\s+broken \(1\)", result.Out);
    }

    [Fact]
    public async Task A_kind_that_is_no_rule_kind_is_a_usage_error_and_nothing_is_sent()
    {
        await using var server = await CannedServer.StartAsync();

        var result = await ShellRunner.RunAsync(server, "rule", "create", "r-1", "--kind", "together", "--vm", "vm-0001");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--kind must be one of affinity|antiaffinity|mustrunon|mustnotrunon|shouldrunon|shouldnotrunon, got 'together'", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task Group_save_sends_every_member_and_a_refusal_prints_the_controllers_reason()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/groups", 409, """{"type":"urn:cluster:problem:conflict","title":"conflict","status":409,"detail":"db-licensed: must-run-on host group 'licensed' is empty: its VMs could run nowhere","errors":[{"field":"members","reason":"db-licensed: must-run-on host group 'licensed' is empty: its VMs could run nowhere"}]}""");

        var result = await ShellRunner.RunAsync(server, "group", "save", "licensed", "--kind", "host");

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("""{"name":"licensed","kind":"Host","members":[]}""", Assert.Single(server.Seen).Body);
        Assert.Contains("must-run-on host group 'licensed' is empty", result.Error + result.Out, StringComparison.Ordinal);
    }
}
