namespace Cluster.Integration.Tests.DocExamples;

/// <summary>
/// Every console block of docs/shell.md, run in order against a real controller and host nodes, must print
/// what the page shows (modulo <see cref="Placeholders"/>). With CLUSTER_REGEN_DOCS=1 the test writes what
/// was printed into the page instead (scripts/regen-docs.sh).
/// </summary>
public sealed class DocExamplesTests(DocCluster cluster) : IClassFixture<DocCluster>
{
    public const string RegenVariable = "CLUSTER_REGEN_DOCS";

    [Fact]
    public async Task Every_console_block_of_shell_md_is_what_the_shell_prints()
    {
        var path = Path.Combine(Binaries.Root, "docs", "shell.md");
        var page = DocPage.Parse(await File.ReadAllTextAsync(path));
        var shell = new DocShell(cluster.Ports, new Placeholders(cluster.Ports, cluster.HostIds.Count));
        var outputs = new List<IReadOnlyList<string>>();
        var mismatches = new List<string>();
        foreach (var example in page.Examples)
        {
            var output = await shell.RunAsync(DocCommand.Parse(example.Command));
            await cluster.SettledAsync();
            outputs.Add(output);
            if (string.Join('\n', output) != example.Text)
            {
                mismatches.Add($"$ {example.Command}\n--- docs/shell.md shows:\n{example.Text}\n--- the shell printed:\n{string.Join('\n', output)}");
            }
        }

        Assert.NotEmpty(page.Examples);
        if (Environment.GetEnvironmentVariable(RegenVariable) == "1")
        {
            await File.WriteAllTextAsync(path, page.WithOutputs(outputs));
            return;
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} example(s) of docs/shell.md differ from a real run (scripts/regen-docs.sh rewrites them):\n\n{string.Join("\n\n", mismatches)}");
    }
}
