using Cluster.Shell.Commands;
using Cluster.Shell.Interactive;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Tests;

public sealed class ParsingTests
{
    [Fact]
    public void Tokenizer_splits_on_spaces_and_keeps_quoted_text_together()
    {
        Assert.Equal(["vm", "create", "--name", "a b", "x"], Tokenizer.Split("  vm create --name 'a b'  \"x\" "));
        Assert.Throws<UsageException>(() => Tokenizer.Split("vm show 'vm-1"));
    }

    [Fact]
    public void Global_options_come_before_the_palette()
    {
        var (settings, rest) = new ShellSettings().ParseGlobal(["--host", "ctl-1", "--port=9200", "--output", "JSON", "vm", "list", "--port", "1"]);

        Assert.Equal(new ShellSettings("ctl-1", 9200, OutputFormat.Json), settings);
        Assert.Equal(["vm", "list", "--port", "1"], rest);
    }

    [Fact]
    public void Create_options_bind_with_repeats_and_inline_values()
    {
        var (command, args) = CommandParser.Parse(CommandCatalog.Default, ["vm", "create", "--name=web", "--vcpus", "2", "--memory-mb", "4096", "--disk", "ds-1:40", "--disk", "ds-2:10"]);

        Assert.Equal("vm create", command.FullName);
        Assert.Equal("web", args!.Value("--name"));
        Assert.Equal(["ds-1:40", "ds-2:10"], args.Values("--disk"));
        Assert.Equal(2, args.Int("--vcpus", 0, min: 1));
    }

    [Fact]
    public void Help_on_a_command_parses_without_its_required_options()
    {
        var (command, args) = CommandParser.Parse(CommandCatalog.Default, ["vm", "create", "--help"]);

        Assert.Equal("create", command.Name);
        Assert.Null(args);
    }

    [Theory]
    [InlineData(new[] { "vmm", "list" }, "unknown palette 'vmm'")]
    [InlineData(new[] { "vm" }, "vm: missing command")]
    [InlineData(new[] { "vm", "strat", "vm-1" }, "vm: unknown command 'strat'")]
    [InlineData(new[] { "vm", "show" }, "vm show: missing argument <id>")]
    [InlineData(new[] { "vm", "show", "vm-1", "vm-2" }, "vm show: unexpected argument 'vm-2'")]
    [InlineData(new[] { "vm", "show", " " }, "vm show: <id> must not be empty")]
    [InlineData(new[] { "vm", "list", "--all" }, "vm list: unknown option --all")]
    [InlineData(new[] { "vm", "stop", "vm-1", "--force=yes" }, "vm stop: --force is a flag and takes no value")]
    [InlineData(new[] { "vm", "create", "--name", "a" }, "vm create: missing option --vcpus")]
    [InlineData(new[] { "vm", "create", "--name", "a", "--name", "b", "--vcpus", "1", "--memory-mb", "1", "--disk", "d:1" }, "vm create: --name may be given only once")]
    [InlineData(new[] { "events", "tail", "--max" }, "events tail: --max needs a value")]
    public void Bad_command_lines_name_what_is_wrong(string[] tokens, string message)
    {
        var ex = Assert.Throws<UsageException>(() => CommandParser.Parse(CommandCatalog.Default, tokens));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_walks_back_and_forward_and_skips_repeats()
    {
        var history = new LineHistory();
        history.Add("vm list");
        history.Add("vm list");
        history.Add("host list");

        Assert.Equal(["vm list", "host list"], history.Lines);
        Assert.Equal("host list", history.Previous());
        Assert.Equal("vm list", history.Previous());
        Assert.Null(history.Previous());
        Assert.Equal("host list", history.Next());
        Assert.Equal(string.Empty, history.Next());
    }
}
