using System.Globalization;

namespace Cluster.Integration.Tests;

/// <summary>
/// Two controller processes in one Akka cluster against one PostgreSQL schema (journal and singleton lease), and host
/// nodes seeded with both, all sharing one storage-lease directory. Needs CLUSTER_TEST_PG (scripts/test.sh provides a
/// throw-away server); it fails, never skips, without it. Disposing kills every process and deletes the directory.
/// </summary>
internal sealed class PostgresControllers : IDisposable
{
    private readonly string _dir;
    private readonly List<ChildProcess> _processes = [];
    private readonly string _schema = "it_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _connection;

    public PostgresControllers(string dirPrefix)
    {
        _connection = Environment.GetEnvironmentVariable("CLUSTER_TEST_PG")
            ?? throw new InvalidOperationException("CLUSTER_TEST_PG is not set: run the tests through scripts/test.sh (scripts/with-postgres.sh)");
        _dir = Directory.CreateTempSubdirectory(dirPrefix).FullName;
        var seedPort = Binaries.FreePort();
        Controllers = [StartController("ctrl-a", seedPort, seedPort), StartController("ctrl-b", Binaries.FreePort(), seedPort)];
    }

    public IReadOnlyList<PostgresController> Controllers { get; }

    /// <summary>What a timed-out wait adds to its message besides every process's output (the state of the cluster).</summary>
    public Func<Task<string>>? Diagnose { get; set; }

    private string SharedLeases => Path.Combine(_dir, "storage-leases");

    public void StartHost(string host)
    {
        var args = new List<string>
        {
            "--host-id", host, "--listen", Endpoint(Binaries.FreePort()), "--no-tls",
            "--heartbeat-interval", "200ms", "--datastore", "ds-1", "--storage-leases", SharedLeases,
        };
        foreach (var controller in Controllers)
        {
            args.AddRange(["--seed", Endpoint(controller.ClusterPort)]);
        }

        _processes.Add(ChildProcess.Start(host, Binaries.HostNode, _dir, [.. args]));
    }

    /// <summary>Polls every 100 ms on a <see cref="PeriodicTimer"/> for at most <paramref name="seconds"/>; on timeout the message carries the diagnosis and every process's output.</summary>
    public async Task<T> WaitAsync<T>(string what, Func<Task<T?>> probe, int seconds = 60)
        where T : class
    {
        if (await Poll.UntilAsync(probe, seconds) is { } value)
        {
            return value;
        }

        var ports = string.Join(' ', Controllers.Select(c => c.ClusterPort));
        var state = Diagnose is null ? "" : await Diagnose() + "\n";
        throw new TimeoutException($"{what}: not within {seconds} s (controllers on {ports})\n{state}" + string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{p.Output}")));
    }

    public void Dispose() => ChildProcess.DisposeAll(_processes, _dir);

    private PostgresController StartController(string name, int clusterPort, int seedPort)
    {
        var adminPort = Binaries.FreePort();
        var process = ChildProcess.Start(name, Binaries.Controller, _dir,
            "--node-id", name, "--listen", Endpoint(clusterPort), "--seed", Endpoint(seedPort), "--no-tls", "--admin-urls", $"http://127.0.0.1:{adminPort}",
            "--data-dir", Path.Combine(_dir, name), "--database", "postgres:" + _connection, "--postgres-schema", _schema,
            "--storage-leases", SharedLeases, "--format-storage-leases", "--datastore", "ds-1",
            "--heartbeat-interval", "200ms", "--missed-heartbeats", "5");
        _processes.Add(process);
        var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/"), Timeout = TimeSpan.FromSeconds(3) };
        return new PostgresController(name, process, admin, clusterPort);
    }

    private static string Endpoint(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}

internal sealed record PostgresController(string Name, ChildProcess Process, HttpClient Admin, int ClusterPort);
