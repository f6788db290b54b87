using System.Diagnostics;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>
/// Certificates made by scripts/make-certs.sh into a temp dir, as an operator would make them: nodes a, b and c
/// from the cluster CA, and "rogue" from a second, unrelated CA. Shared by the tests of a class.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Root = Directory.CreateTempSubdirectory("certs-").FullName;
        ClusterDir = Path.Combine(Root, "cluster");
        RogueDir = Path.Combine(Root, "rogue");
        MakeCerts(ClusterDir, "a", "b", "c");
        MakeCerts(RogueDir, "rogue");
    }

    public string Root { get; }

    public string ClusterDir { get; }

    public string RogueDir { get; }

    public string ClusterCa => Path.Combine(ClusterDir, "ca.crt");

    public string ClusterPassword => File.ReadAllText(Path.Combine(ClusterDir, "password")).Trim();

    public string RoguePassword => File.ReadAllText(Path.Combine(RogueDir, "password")).Trim();

    public string Node(string name) => Path.Combine(ClusterDir, name + ".pfx");

    public string Rogue => Path.Combine(RogueDir, "rogue.pfx");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void MakeCerts(string dir, params string[] nodes)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "make-certs.sh"));
        start.ArgumentList.Add(dir);
        foreach (var node in nodes)
        {
            start.ArgumentList.Add(node);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"make-certs.sh {dir} failed: {stderr.Result}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cluster.sln not found above " + AppContext.BaseDirectory);
    }
}
