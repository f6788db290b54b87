namespace Cluster.Shell.Tests;

// The bearer token: from CLUSTER_ADMIN_TOKEN or --token-file (which wins), and what a 401 prints.
public sealed class TokenTests
{
    [Fact]
    public async Task The_environment_token_is_sent_as_bearer()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, "[]");
        var runner = new ShellRunner(new Dictionary<string, string> { ["CLUSTER_ADMIN_TOKEN"] = "from-env" });

        await runner.RunArgsAsync("--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "host", "list");

        Assert.Equal("Bearer from-env", Assert.Single(server.Seen).Authorization);
    }

    [Fact]
    public async Task A_token_file_wins_over_the_environment_and_is_trimmed()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 200, "[]");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "from-file\n");
            var runner = new ShellRunner(new Dictionary<string, string> { ["CLUSTER_ADMIN_TOKEN"] = "from-env" });

            await runner.RunArgsAsync("--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--token-file", file, "host", "list");

            Assert.Equal("Bearer from-file", Assert.Single(server.Seen).Authorization);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task No_token_sends_no_header_and_a_401_hints_at_the_token()
    {
        await using var server = await CannedServer.StartAsync();
        server.On("GET /api/hosts", 401, Json.Error("unauthorized", "authorization", "missing bearer token"));

        var result = await ShellRunner.RunAsync(server, "host", "list");

        Assert.Null(Assert.Single(server.Seen).Authorization);
        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("authorization: missing bearer token", result.Error, StringComparison.Ordinal);
        Assert.Contains("CLUSTER_ADMIN_TOKEN", result.Error, StringComparison.Ordinal);
    }
}
