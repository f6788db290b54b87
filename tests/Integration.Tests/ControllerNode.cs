using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>One controller process and an HTTP client for its admin API; killed on dispose.</summary>
public sealed class ControllerNode : IDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(40);

    private ControllerNode(string name, ChildProcess process, int clusterPort, int adminPort)
    {
        Name = name;
        Process = process;
        ClusterPort = clusterPort;
        AdminPort = adminPort;
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/"), Timeout = TimeSpan.FromSeconds(3) };
    }

    public string Name { get; }

    public ChildProcess Process { get; }

    public int ClusterPort { get; }

    public int AdminPort { get; }

    public HttpClient Admin { get; }

    /// <summary>The Akka address this controller joins as, as membership names it.</summary>
    public string Address => "akka.tcp://cluster@" + Endpoint(ClusterPort);

    /// <summary>Starts a controller without TLS that joins through <paramref name="seedPort"/> (its own port: a new cluster).</summary>
    public static ControllerNode Start(string name, string dir, string database, int? seedPort = null, int? clusterPort = null, params string[] extra)
    {
        var cluster = clusterPort ?? Binaries.FreePort();
        return StartWith(name, dir, cluster, new Dictionary<string, string>(), ["--seed", Endpoint(seedPort ?? cluster), .. OnOneDatabase(name, dir, database), .. extra]);
    }

    /// <summary>Starts a controller as <paramref name="name"/> on <paramref name="clusterPort"/> and a free admin port, with <paramref name="args"/> for the rest.</summary>
    public static ControllerNode StartWith(string name, string dir, int clusterPort, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var admin = Binaries.FreePort();
        var process = ChildProcess.Start(name, Binaries.Controller, dir, environment,
            ["--node-id", name, "--listen", Endpoint(clusterPort), "--admin-urls", $"http://127.0.0.1:{admin}", .. args]);
        return new ControllerNode(name, process, clusterPort, admin);
    }

    /// <summary>The arguments of a controller without TLS on the shared SQLite <paramref name="database"/> and storage-lease directory of <paramref name="dir"/>.</summary>
    public static string[] OnOneDatabase(string name, string dir, string database) =>
    [
        "--no-tls", "--data-dir", Path.Combine(dir, name), "--database", "sqlite:" + database,
        "--storage-leases", Path.Combine(dir, "storage-leases"), "--format-storage-leases",
    ];

    public static string Endpoint(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    public Task<LeaderView?> LeaderAsync() => GetAsync("api/cluster/leader", ClusterMessagesJsonContext.Default.LeaderView);

    public Task<ClusterMembersView?> MembersAsync() => GetAsync("api/cluster/members", ClusterMessagesJsonContext.Default.ClusterMembersView);

    /// <summary>/api/events (the latest page), or null while it does not answer.</summary>
    public async Task<JsonDocument?> EventsAsync()
    {
        try
        {
            using var response = await Admin.GetAsync(new Uri("api/events", UriKind.Relative));
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>A GET of the admin API, or null while it does not answer with success.</summary>
    public Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> type)
        where T : class => Admin.GetOrNullAsync(path, type);

    /// <summary>Polls <paramref name="probe"/> every 100 ms until it yields a value; on timeout the message has every process's output.</summary>
    public static async Task<T> WaitAsync<T>(string what, Func<Task<T?>> probe, params ControllerNode[] nodes)
        where T : class
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < WaitLimit)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await timer.WaitForNextTickAsync();
        }

        throw new TimeoutException($"{what}: not within {WaitLimit.TotalSeconds} s\n" + string.Join("\n", nodes.Select(n => $"--- {n.Name} ---\n{n.Process.Output}")));
    }

    public void Dispose()
    {
        Admin.Dispose();
        Process.Dispose();
    }
}
