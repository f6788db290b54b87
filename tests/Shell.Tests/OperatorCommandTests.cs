using System.Text.Json;

namespace Cluster.Shell.Tests;

// vm reconfigure, host remove and the alarm palette over real HTTP against canned answers (see CannedServer).
public sealed class OperatorCommandTests
{
    private const string Alarm = """{"alarmId":"alarm-0001","kind":"host-faulty","severity":"Major","object":{"kind":"Host","id":"h-1"},"text":"host h-1 is Faulty","firstSeen":"2025-01-02T03:04:05+00:00","lastSeen":"2025-01-02T03:04:05+00:00","count":1,"active":true,"acknowledgedBy":null,"acknowledgedAt":null,"clearedAt":null,"clearReason":null}""";

    [Fact]
    public async Task Reconfigure_posts_only_what_changes()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-2/reconfigure", 200, Json.StoppedVm);

        var result = await ShellRunner.RunAsync(server, "vm", "reconfigure", "vm-2", "--ha", "false", "--cpu-qos", "2000:500");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var body = JsonDocument.Parse(Assert.Single(server.Seen).Body).RootElement;
        Assert.False(body.GetProperty("haEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("restartPriority").ValueKind);
        Assert.Equal(2000, body.GetProperty("cpuQos").GetProperty("shares").GetInt32());
        Assert.Equal(500, body.GetProperty("cpuQos").GetProperty("reservation").GetInt64());
    }

    [Fact]
    public async Task Reconfigure_of_a_running_vm_posts_vcpus_memory_disk_growths_and_nics()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-2/reconfigure", 200, Json.StoppedVm);

        var result = await ShellRunner.RunAsync(server, "vm", "reconfigure", "vm-2", "--vcpus", "8", "--memory-mb", "16384", "--disk", "0:80", "--disk", "1:200", "--add-nic", "vm-net");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var body = JsonDocument.Parse(Assert.Single(server.Seen).Body).RootElement;
        Assert.Equal((8, 16384L), (body.GetProperty("vcpus").GetInt32(), body.GetProperty("memoryMb").GetInt64()));
        Assert.Equal([(0, 80L), (1, 200L)], body.GetProperty("disks").EnumerateArray().Select(d => (d.GetProperty("index").GetInt32(), d.GetProperty("sizeGb").GetInt64())));
        Assert.Equal("vm-net", body.GetProperty("addNics")[0].GetProperty("network").GetString());
    }

    [Fact]
    public async Task A_refused_hot_remove_shows_the_controllers_reason_and_exits_refused()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("POST /api/vms/vm-2/reconfigure", 409, Json.Error("VM vm-2 runs with 8 vCPUs and vCPUs are not hot-removed (asked 2); stop it to remove vCPUs", "vcpus", "vCPUs are not hot-removed"));

        var result = await ShellRunner.RunAsync(server, "vm", "reconfigure", "vm-2", "--vcpus", "2");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("vCPUs are not hot-removed", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "vm", "reconfigure", "vm-2" }, "at least one change")]
    [InlineData(new[] { "vm", "reconfigure", "vm-2", "--cpu-qos", "fast" }, "SHARES:RESERVATION")]
    [InlineData(new[] { "vm", "reconfigure", "vm-2", "--disk", "ds-1:80" }, "INDEX:SIZE_GB")]
    [InlineData(new[] { "vm", "reconfigure", "vm-2", "--vcpus", "0" }, "--vcpus")]
    public async Task Reconfigure_without_a_change_or_with_bad_qos_is_a_usage_error_and_sends_nothing(string[] args, string reason)
    {
        await using var server = await CannedServer.StartAsync();

        var result = await ShellRunner.RunAsync(server, args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Seen);
    }

    [Fact]
    public async Task Host_remove_confirms_and_a_refusal_shows_the_reason()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("DELETE /api/hosts/h-1", 204).On("DELETE /api/hosts/h-2", 409, Json.Error("host h-2 still has VMs placed on it: vm-0001", "hostId", "busy"));

        var removed = await ShellRunner.RunAsync(server, "host", "remove", "h-1");
        var refused = await ShellRunner.RunAsync(server, "host", "remove", "h-2");

        Assert.Equal((ExitCodes.Ok, "h-1 removed" + Environment.NewLine), (removed.ExitCode, removed.Out));
        Assert.NotEqual(ExitCodes.Ok, refused.ExitCode);
        Assert.Contains("vm-0001", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alarm_list_show_and_ack()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/alarms", 200, $"[{Alarm}]").On("GET /api/alarms?all=true", 200, $"[{Alarm}]")
            .On("GET /api/alarms/alarm-0001", 200, Alarm).On("POST /api/alarms/alarm-0001/ack", 200, Alarm);

        var list = await ShellRunner.RunAsync(server, "alarm", "list");
        var all = await ShellRunner.RunAsync(server, "alarm", "list", "--all");
        var show = await ShellRunner.RunAsync(server, "alarm", "show", "alarm-0001");
        var ack = await ShellRunner.RunAsync(server, "alarm", "ack", "alarm-0001", "--by", "alice");

        Assert.Matches(@"alarm-0001\s+.\s+Major\s+.\s+host-faulty\s+.\s+host h-1", list.Out);
        Assert.Equal(ExitCodes.Ok, all.ExitCode);
        Assert.Matches(@"kind\s+host-faulty", show.Out);
        Assert.Equal(ExitCodes.Ok, ack.ExitCode);
        Assert.Equal("alice", JsonDocument.Parse(server.Seen.Last().Body).RootElement.GetProperty("by").GetString());
    }
}
