using Cluster.Hosting.Configuration;

namespace Cluster.Integration.Tests;

/// <summary>The layered settings both processes read: appsettings.json, then CLUSTER_* variables, then the command line.</summary>
public sealed class SettingsTests : IDisposable
{
    private static readonly SettingSpec[] Specs =
    [
        new("node-id", "name", "NAME"),
        new("heartbeat-interval", "pace", "DURATION"),
        new("datastore", "datastores", "ID", Repeatable: true),
        new("cluster-secret", "secret", "SECRET", Environment: "CLUSTER_SECRET"),
        new("format", "a flag", null),
    ];

    private readonly string _json = Path.Combine(Path.GetTempPath(), $"appsettings-{Guid.NewGuid():N}.json");

    [Fact]
    public void The_command_line_beats_the_environment_which_beats_the_json_file()
    {
        File.WriteAllText(_json, """{"Cluster": {"NodeId": "from-json", "heartbeat-interval": "1s", "Datastore": ["a", "b"]}}""");
        var env = new Dictionary<string, string> { ["CLUSTER_NODE_ID"] = "from-env", ["CLUSTER_SECRET"] = "s", ["CLUSTER_DATASTORE"] = "c,d" };

        var settings = Settings.Load(Specs, ["--node-id", "from-args", "--format"], env.GetValueOrDefault, _json);

        Assert.Equal("from-args", settings.String("node-id"));
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Duration("heartbeat-interval", TimeSpan.Zero));
        Assert.Equal(["c", "d"], settings.List("datastore"));
        Assert.Equal("s", settings.String("cluster-secret"));
        Assert.True(settings.Flag("format"));
    }

    [Fact]
    public void Repeated_options_accumulate_and_durations_take_units()
    {
        var settings = Settings.Load(Specs, ["--datastore", "ds-1", "--datastore=ds-2", "--heartbeat-interval", "200ms"], _ => null, null);

        Assert.Equal(["ds-1", "ds-2"], settings.List("datastore"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), settings.Duration("heartbeat-interval", TimeSpan.Zero));
    }

    [Theory]
    [InlineData(new[] { "--nope" }, "--nope: is not a known option (see --help)")]
    [InlineData(new[] { "--node-id" }, "--node-id: needs a value (NAME)")]
    [InlineData(new[] { "--node-id", "a", "--node-id", "b" }, "--node-id: was given more than once")]
    [InlineData(new[] { "stray" }, "stray: unexpected argument; settings are --name value (see --help)")]
    public void Bad_command_lines_name_the_option(string[] args, string message)
    {
        var ex = Assert.Throws<ConfigException>(() => Settings.Load(Specs, args, _ => null, null));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void A_bad_value_names_where_it_came_from()
    {
        var settings = Settings.Load(Specs, [], name => name == "CLUSTER_HEARTBEAT_INTERVAL" ? "-3s" : null, null);

        var ex = Assert.Throws<ConfigException>(() => settings.Duration("heartbeat-interval", TimeSpan.Zero));

        Assert.Equal("--heartbeat-interval (from CLUSTER_HEARTBEAT_INTERVAL): must be a positive duration like 500ms, 3s or 1m, got '-3s'", ex.Message);
    }

    [Fact]
    public void An_unknown_key_in_the_json_file_is_an_error()
    {
        File.WriteAllText(_json, """{"Cluster": {"NodeIdd": "x"}}""");

        var ex = Assert.Throws<ConfigException>(() => Settings.Load(Specs, [], _ => null, _json));

        Assert.EndsWith("Cluster:NodeIdd: is not a known setting", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_json);
}
