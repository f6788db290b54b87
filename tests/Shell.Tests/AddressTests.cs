using System.Globalization;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Tests;

// Every way of naming the controller either works or is a one-line usage error (exit 2): never an exception.
public sealed class AddressTests
{
    [Theory]
    [InlineData("127.0.0.1:9110", "http", "127.0.0.1", 9110)]
    [InlineData("[::1]", "http", "::1", 9110)]
    [InlineData("[::1]:9200", "http", "::1", 9200)]
    [InlineData("::1", "http", "::1", 9110)]
    [InlineData("http://127.0.0.1", "http", "127.0.0.1", 9110)]
    [InlineData("http://127.0.0.1:9300/", "http", "127.0.0.1", 9300)]
    [InlineData("https://ctl.example:443", "https", "ctl.example", 443)]
    [InlineData("ctl-1", "http", "ctl-1", 9110)]
    public void Host_forms_that_work(string host, string scheme, string expectedHost, int port)
    {
        var (settings, rest) = new ShellSettings().ParseGlobal(["--host", host, "vm", "list"]);

        Assert.Equal((scheme, expectedHost, port), (settings.Scheme, settings.Host, settings.Port));
        Assert.Equal(["vm", "list"], rest);
        Assert.NotNull(settings.BaseAddress);
    }

    [Fact]
    public void A_positional_address_works_like_pbm()
    {
        var (settings, rest) = new ShellSettings().ParseGlobal(["10.0.0.5:9200", "cluster", "status"]);

        Assert.Equal(("10.0.0.5", 9200), (settings.Host, settings.Port));
        Assert.Equal(["cluster", "status"], rest);
    }

    [Theory]
    [InlineData("--host", "", "--host must not be empty")]
    [InlineData("--host", "http://", "--host has no host name")]
    [InlineData("--host", ":99999", "--host port must be a number between 1 and 65535, got '99999'")]
    [InlineData("--host", ":9110", "--host has no host name")]
    [InlineData("--host", "ftp://x", "--host scheme 'ftp' is not supported")]
    [InlineData("--host", "http://x/api", "--host must not have a path")]
    [InlineData("--host", "[::1", "--host has '[' without ']'")]
    [InlineData("--host", "a b", "--host 'a b' is not a host name")]
    [InlineData("--port", "0", "--port must be a number between 1 and 65535, got '0'")]
    public async Task Bad_addresses_are_one_line_usage_errors(string option, string value, string message)
    {
        var result = await ShellRunner.RunAsync(option, value, "cluster", "status");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: " + message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("--host", "127.0.0.1:{port}")]
    [InlineData("--host", "http://127.0.0.1:{port}")]
    [InlineData("--host", "http://localhost:{port}/")]
    [InlineData(null, "127.0.0.1:{port}")]
    public async Task Each_form_reaches_the_controller(string? option, string value)
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, "[]");
        var address = value.Replace("{port}", server.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        string[] args = option is null ? [address, "host", "list"] : [option, address, "host", "list"];

        var result = await new ShellRunner().RunArgsAsync(args);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("/api/hosts", Assert.Single(server.Seen).PathAndQuery);
    }

    [Fact]
    public async Task A_bad_address_typed_at_the_prompt_keeps_the_session()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, "[]");
        var lines = new ScriptedLineReader("--host 127.0.0.1:9110x host list", "--host '[::1' host list", "--host http:// host list", "host list");
        var runner = new ShellRunner(lines: lines);

        var result = await runner.RunArgsAsync("--port", server.Port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(5, lines.Prompts.Count);
        Assert.Contains("--host port must be a number between 1 and 65535, got '9110x'", result.Error, StringComparison.Ordinal);
        Assert.Contains("--host has no host name", result.Error, StringComparison.Ordinal);
        Assert.Single(server.Seen);
    }
}
