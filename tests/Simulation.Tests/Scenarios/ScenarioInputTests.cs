using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Tests.Scenarios;

/// <summary>Bad scenario input fails before anything runs, naming the file, the line and the reason.</summary>
public sealed class ScenarioInputTests
{
    private const string Cluster = """
        datastores: [ds-1]
        hosts:
          - names: [host-1, host-2]
        """;

    private static ScenarioCluster ParseCluster(string text) => ClusterFile.Parse(text, "cluster.yaml");

    private static ScenarioFormatException CommandError(string commands) =>
        Assert.Throws<ScenarioFormatException>(() => CommandFile.Parse(commands, "commands.txt", ParseCluster(Cluster)));

    [Fact]
    public void A_good_cluster_file_gives_hosts_datastores_and_settings()
    {
        var cluster = ParseCluster("""
            seed: 7
            datastores:
              - name: ds-1
                capacity-gb: 500
            hosts:
              - name: host-1
                memory-gb: 20
              - names: [host-2, host-3]
            settings:
              admission: tolerate-host-failures 1
              restart-backoff: 3 5s 2
            """);

        Assert.Equal(7, cluster.Options.Seed);
        Assert.Equal(["host-1", "host-2", "host-3"], cluster.Options.Hosts.Select(h => h.HostId.Value));
        Assert.Equal(20 * 1024, cluster.Options.Hosts[0].Hardware.MemoryMb);
        Assert.Equal(500, cluster.Datastores.Single().CapacityGb);
        Assert.Equal("tolerate 1 host failure(s)", cluster.Options.Vrm.Admission.Description);
        Assert.Equal(3, cluster.Options.Vrm.RestartBackoff.MaxAttempts);
    }

    [Theory]
    [InlineData("hosts:\n  - name: host-1\n    memroy-gb: 20\n", 3, "unknown key 'memroy-gb'")]
    [InlineData("hosts:\n  - name: host-1\n    datastores: [ds-9]\n", 3, "unknown datastore 'ds-9'")]
    [InlineData("hosts:\n  - name: host-1\nsettings:\n  admission: tolerate-everything\n", 4, "admission must be one of")]
    [InlineData("hosts:\n  - name: host-1\n  - name: host-1\n", 2, "host 'host-1' is defined twice")]
    [InlineData("hosts: [\n", 2, "not valid YAML")]
    [InlineData("hosts:\n  - name: host-1\nsettings:\n  asks: later\n", 4, "asks must be wait or no-wait")]
    [InlineData("seed: 1\n", 1, "'hosts' is required")]
    public void A_bad_cluster_file_names_the_line_and_the_reason(string text, int line, string reason)
    {
        AssertNames(Assert.Throws<ScenarioFormatException>(() => ParseCluster(text)), "cluster.yaml", line, reason);
    }

    [Theory]
    [InlineData("advance 10s\nfly host-1\n", 2, "cannot read 'fly host-1'")]
    [InlineData("advance ten\n", 1, "'ten' is not a duration")]
    [InlineData("# comment\n\ncrash host-9\n", 3, "unknown host 'host-9'")]
    [InlineData("vm start web-1\n", 1, "unknown VM 'web-1'")]
    [InlineData("vm create --name web-1 --vcpus 2 --memory-mb 4096\n", 1, "at least one --disk")]
    [InlineData("vm create --name web-1 --vcpus 2 --memory-mb 4096 --disk ds-1:40 --priority urgent\n", 1, "--priority must be high, medium or low")]
    [InlineData("vm create --name web-1 --vcpus 2 --memory-mb 4096 --disk ds-2:40\n", 1, "unknown datastore 'ds-2'")]
    [InlineData("management-faults host-1 drop=2\n", 1, "drop must be a probability")]
    [InlineData("restart-controller ctrl-3\n", 1, "unknown controller 'ctrl-3'")]
    [InlineData("restart-controller active\n", 1, "restart-controller 'down'")]
    [InlineData("heal-management\n", 1, "cannot read 'heal-management'")]
    [InlineData("vm migrate web-1\n", 1, "unknown VM 'web-1'")]
    [InlineData("vm create --name web-1 --vcpus 2 --memory-mb 4096 --disk ds-1:40\nvm migrate web-1 --host host-9\n", 2, "unknown host 'host-9'")]
    [InlineData("vm create --name web-1 --vcpus 2 --memory-mb 4096 --disk ds-1:40\nguest-dirty-rate web-1 fast\n", 2, "guest-dirty-rate must be a whole number")]
    [InlineData("partition-hosts host-1 host-1\n", 1, "cannot read 'partition-hosts host-1 host-1'")]
    public void A_bad_command_names_the_line_and_the_reason(string commands, int line, string reason)
    {
        AssertNames(CommandError(commands), "commands.txt", line, reason);
    }

    private static void AssertNames(ScenarioFormatException error, string file, int line, string reason)
    {
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{file}:{line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_shows_removed_and_added_lines_with_context()
    {
        var diff = LineDiff.Unified(["a", "b", "c", "d"], ["a", "b", "x", "d"]);
        Assert.Contains("-c\n+x\n", diff.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("@@ -1,4 +1,4 @@", diff, StringComparison.Ordinal);
    }
}
