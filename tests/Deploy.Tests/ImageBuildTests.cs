using System.Diagnostics;

namespace Cluster.Deploy.Tests;

/// <summary>
/// The Dockerfile built here, without a registry, by scripts/build-image.sh from bases made of this machine's .NET and
/// Debian's files; then its file system is exported and each program started under chroot as the image's user.
/// It takes minutes (a full Release publish inside the build stage on vfs storage), so it runs only when
/// CLUSTER_TEST_IMAGE=1 (.ci/run sets it where buildah installs); otherwise it passes without building, and says so.
/// </summary>
public sealed class ImageBuildTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(25);

    [Fact]
    public async Task The_image_builds_without_a_registry_and_each_program_answers_help_and_refuses_a_bad_flag()
    {
        if (Environment.GetEnvironmentVariable("CLUSTER_TEST_IMAGE") != "1")
        {
            Console.WriteLine("ImageBuildTests: skipped, CLUSTER_TEST_IMAGE is not 1");
            return;
        }

        var info = new ProcessStartInfo("bash") { WorkingDirectory = RepoFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "scripts/build-image.sh", "--local-bases", "--check", "--tag", "localhost/cluster:test" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(limit.Token);
        var text = await output;

        Assert.True(process.ExitCode == 0, $"build-image.sh exited {process.ExitCode}\n{text}\n{await errors}");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var program in new[] { "/app/Cluster.Controller", "/app/Cluster.HostNode", "/app/cluster-shell" })
        {
            Assert.Contains(lines, l => l.StartsWith($"check {program} --help exit 0; --no-such-flag exit 2", StringComparison.Ordinal));
        }

        var size = lines.Single(l => l.StartsWith("image.size_mb ", StringComparison.Ordinal));
        Assert.InRange(int.Parse(size["image.size_mb ".Length..], System.Globalization.CultureInfo.InvariantCulture), 50, 400);
    }
}
