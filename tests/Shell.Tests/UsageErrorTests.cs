namespace Cluster.Shell.Tests;

// Usage errors never reach the network: these runs have no server, and still exit 2 (not 3).
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "vm", "create", "--name", "a", "--vcpus", "two", "--memory-mb", "1", "--disk", "ds-1:4" }, "--vcpus must be an integer of at least 1, got 'two'")]
    [InlineData(new[] { "vm", "create", "--name", "a", "--vcpus", "2", "--memory-mb", "1", "--disk", "ds-1" }, "--disk must be DATASTORE:SIZE_GB")]
    [InlineData(new[] { "vm", "create", "--name", "a", "--vcpus", "2", "--memory-mb", "1", "--disk", "ds-1:4", "--priority", "urgent" }, "--priority must be one of high|medium|low, got 'urgent'")]
    [InlineData(new[] { "vm", "create", "--name", "a", "--vcpus", "2", "--memory-mb", "1", "--disk", "ds-1:4", "--ha", "maybe" }, "--ha must be true or false, got 'maybe'")]
    [InlineData(new[] { "events", "tail", "--max", "5000" }, "--max must be at most 1000")]
    [InlineData(new[] { "events", "tail", "--after", "-1" }, "--after must be an integer of at least 0")]
    [InlineData(new[] { "--port", "70000", "vm", "list" }, "--port must be a number between 1 and 65535, got '70000'")]
    [InlineData(new[] { "--output", "yaml", "vm", "list" }, "--output must be table or json, got 'yaml'")]
    [InlineData(new[] { "--host" }, "--host needs a value")]
    [InlineData(new[] { "help", "nope" }, "help: unknown palette 'nope'")]
    [InlineData(new[] { "--token-file", "/nonexistent/token", "vm", "list" }, "--token-file: cannot read '/nonexistent/token'")]
    public async Task Exit_2_with_a_message_naming_the_argument(string[] args, string message)
    {
        var result = await ShellRunner.RunAsync(["--port", "1", .. args]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task A_usage_error_shows_the_command_usage()
    {
        var result = await ShellRunner.RunAsync("vm", "show");

        Assert.Contains("usage: vm show <id>", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    public async Task Help_lists_every_palette_and_command(string arg)
    {
        var result = await ShellRunner.RunAsync(arg);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var expected in new[] { "cluster:", "host:", "vm:", "migration:", "events:", "leader", "create", "migrate", "cancel", "tail", "exit codes" })
        {
            Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_for_a_palette_and_for_a_command_show_their_options()
    {
        var palette = await ShellRunner.RunAsync("help", "vm");
        var command = await ShellRunner.RunAsync("vm", "stop", "--help");

        Assert.Contains("vm create --name NAME --vcpus N --memory-mb MB --disk DATASTORE:SIZE_GB", palette.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, command.ExitCode);
        Assert.Contains("--force", command.Out, StringComparison.Ordinal);
    }
}
