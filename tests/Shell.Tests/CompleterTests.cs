using Cluster.Shell.Commands;
using Cluster.Shell.Interactive;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Tests;

// Tab completion comes from the command catalog, so a command added there completes without more code.
public sealed class CompleterTests
{
    private static readonly Completer Default = new(CommandCatalog.Default, palette => palette switch
    {
        "vm" => ["vm-0001", "vm-0002", "web"],
        "host" => ["h-1", "h-2"],
        "migration" => ["mig-0001", "mig-0002"],
        "cluster" => ["akka.tcp://cluster@10.0.0.1:4053", "akka.tcp://cluster@10.0.0.7:4053"],
        _ => [],
    });

    [Theory]
    [InlineData("", new[] { "alarm", "cluster", "datastore", "events", "exit", "group", "help", "history", "host", "migration", "quit", "rule", "vm" })]
    [InlineData("datastore ", new[] { "list", "show" })]
    [InlineData("h", new[] { "help", "history", "host" })]
    [InlineData("cl", new[] { "cluster" })]
    [InlineData("cluster ", new[] { "down", "inventory", "leader", "leave", "show", "status", "watch" })]
    [InlineData("cluster le", new[] { "leader", "leave" })]
    [InlineData("cluster down akka.tcp://cluster@10.0.0.7", new[] { "akka.tcp://cluster@10.0.0.7:4053" })]
    [InlineData("cluster leader ", new string[0])]
    [InlineData("help v", new[] { "vm" })]
    [InlineData("vm s", new[] { "show", "start", "stop" })]
    [InlineData("vm stop vm-0001 --", new[] { "--force", "--help" })]
    [InlineData("vm create --ha ", new[] { "false", "true" })]
    [InlineData("vm create --priority h", new[] { "high" })]
    [InlineData("vm create --name web --n", new string[0])]
    [InlineData("vm create --disk ds-1:4 --d", new[] { "--disk" })]
    [InlineData("vm show ", new[] { "vm-0001", "vm-0002", "web" })]
    [InlineData("vm show vm-", new[] { "vm-0001", "vm-0002" })]
    [InlineData("vm show vm-0001 ", new string[0])]
    [InlineData("host show h", new[] { "h-1", "h-2" })]
    [InlineData("m", new[] { "migration" })]
    [InlineData("migration ", new[] { "cancel", "list", "show" })]
    [InlineData("migration cancel mig-", new[] { "mig-0001", "mig-0002" })]
    [InlineData("vm migrate v", new[] { "vm-0001", "vm-0002" })]
    [InlineData("vm migrate vm-0001 --", new[] { "--datastore", "--help", "--host" })]
    [InlineData("vm migrate vm-0001 --host ", new[] { "h-1", "h-2" })]
    [InlineData("--output json vm sh", new[] { "show" })]
    [InlineData("--output=json host ", new[] { "list", "maintenance", "remove", "show" })]
    [InlineData("host maintenance ", new[] { "enter", "exit" })]
    [InlineData("host maintenance enter ", new[] { "h-1", "h-2" })]
    [InlineData("host maintenance enter h-1 --", new[] { "--help", "--wait" })]
    [InlineData("127.0.0.1:9110 vm l", new[] { "list" })]
    [InlineData("--p", new[] { "--port" })]
    [InlineData("nope ", new string[0])]
    public void Completes_from_the_catalog_and_the_controller(string text, string[] expected)
    {
        Assert.Equal(expected, Default.Complete(text).Candidates);
    }

    [Fact]
    public void A_command_added_to_the_catalog_completes_with_its_ids()
    {
        var alarm = new CommandSpec("alarm", "ack", "acknowledge", [new ArgumentSpec("id", "the alarm id")], [new OptionSpec("--note", "why", "TEXT")], (_, _) => Task.FromResult(0));
        var completer = new Completer(new CommandCatalog(CommandCatalog.Default.InPalette("vm").Append(alarm)), p => p == "alarm" ? ["a-1"] : []);

        Assert.Equal(["alarm"], completer.Complete("al").Candidates);
        Assert.Equal(["a-1"], completer.Complete("alarm ack ").Candidates);
        Assert.Equal(["--help", "--note"], completer.Complete("alarm ack a-1 --").Candidates);
    }

    [Fact]
    public void The_common_prefix_is_what_every_candidate_shares()
    {
        Assert.Equal("vm-000", Default.Complete("vm show v").Candidates.Where(c => c.StartsWith("vm", StringComparison.Ordinal)).Aggregate((a, b) => Prefix(a, b)));
        Assert.Equal("s", new Completion(0, ["show", "start", "stop"]).CommonPrefix());
        Assert.Equal("st", new Completion(0, ["start", "stop"]).CommonPrefix());
        Assert.Equal(string.Empty, Completion.None(0).CommonPrefix());
    }

    private static string Prefix(string a, string b) => new Completion(0, [a, b]).CommonPrefix();
}
