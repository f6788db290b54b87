using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// A controller and three host nodes as real processes on loopback forming one Akka cluster without TLS (the
/// hosts seed at the controller), with a temp SQLite database and fast timings (heartbeat 200 ms, faulty after
/// 5 missed = 1 s, unless <see cref="LocalClusterOptions.ProductionTimings"/>). Every process is killed on dispose. TLS refusal is tested on its own (TlsRefusalTests).
/// </summary>
public class LocalCluster : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, ChildProcess> _hosts = [];
    private readonly Dictionary<string, int> _hostPorts = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("cluster-it-").FullName;
    private readonly LocalClusterOptions _options;
    private readonly int _clusterPort;
    private readonly int _adminPort;

    public LocalCluster()
        : this(new LocalClusterOptions())
    {
    }

    /// <summary>For fixtures that start differently (xunit wants one public constructor per fixture).</summary>
    protected LocalCluster(LocalClusterOptions options)
    {
        _options = options;
        _clusterPort = options.Ports?.Cluster ?? Binaries.FreePort();
        _adminPort = options.Ports?.Admin ?? Binaries.FreePort();
    }

    public int AdminPort => _adminPort;

    public ChildProcess Controller { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public IReadOnlyList<string> HostIds { get; } = ["h-1", "h-2", "h-3"];

    public virtual async Task InitializeAsync()
    {
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_adminPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        StartController();
        for (var i = 0; i < HostIds.Count; i++)
        {
            var host = HostIds[i];
            _hostPorts[host] = _options.Ports?.Host(i) ?? Binaries.FreePort();
            StartHost(host);
            if (_options.OneHostAtATime)
            {
                // Registration order decides event order and host-list order: one at a time makes it the same every run.
                await WaitForHostsAsync($"{host} Normal", hosts => hosts.Count == i + 1 && hosts.All(h => h.State == HostState.Normal));
            }
        }
    }

    /// <summary>Starts (or restarts, on the same data directory) the controller.</summary>
    public void StartController()
    {
        Controller?.Dispose();
        Controller = ChildProcess.Start("controller", Binaries.Controller, _dir,
            [
                "--node-id", "ctrl-it", "--listen", Endpoint(_clusterPort), "--admin-urls", $"http://127.0.0.1:{_adminPort}",
                "--seed", Endpoint(_clusterPort), "--no-tls", "--data-dir", Path.Combine(_dir, "data"), "--datastore", "ds-1",
                .. _options.ProductionTimings ? [] : new[] { "--heartbeat-interval", "200ms", "--missed-heartbeats", "5" },
                .. _options.ControllerArgs ?? [],
            ]);
    }

    /// <summary>SIGTERM to a process of this cluster, and its exit awaited (it runs its shutdown path).</summary>
    public static async Task StopAsync(ChildProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.Terminate();
        await process.WaitForExitAsync(WaitLimit);
    }

    public ChildProcess Host(string host) => _hosts[host];

    /// <summary>
    /// Starts a second host node that claims <paramref name="host"/>'s id at another port, with the same settings;
    /// it is kept under <paramref name="name"/> and killed on dispose.
    /// </summary>
    public ChildProcess StartDuplicateOf(string host, string name)
    {
        var duplicate = ChildProcess.Start(name, Binaries.HostNode, _dir, HostArgs(host, Binaries.FreePort()));
        _hosts[name] = duplicate;
        return duplicate;
    }

    /// <summary>Starts (or restarts, on the same port) a host node.</summary>
    public void StartHost(string host)
    {
        if (_hosts.Remove(host, out var old))
        {
            old.Dispose();
        }

        _hosts[host] = ChildProcess.Start(host, Binaries.HostNode, _dir, HostArgs(host, _hostPorts[host]));
    }

    public void KillHost(string host) => _hosts[host].Kill();

    /// <summary>The hosts the admin API lists, or null while it does not answer (starting, no VRM yet).</summary>
    public async Task<IReadOnlyList<HostView>?> HostsAsync()
    {
        try
        {
            using var response = await Admin.GetAsync(new Uri("api/hosts", UriKind.Relative));
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.IReadOnlyListHostView)
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls the admin API until every listed host is in the wanted state, at most 30 s.</summary>
    public Task<IReadOnlyList<HostView>> WaitForHostsAsync(string what, Func<IReadOnlyList<HostView>, bool> condition, TimeSpan? limit = null) =>
        WaitAsync(what, async () => await HostsAsync() is { } hosts && condition(hosts) ? hosts : null, limit);

    /// <summary>Polls <paramref name="probe"/> every 100 ms on a <see cref="PeriodicTimer"/> until it yields a value; fails after 30 s (or <paramref name="limit"/>) with every process's output.</summary>
    public async Task<T> WaitAsync<T>(string what, Func<Task<T?>> probe, TimeSpan? limit = null)
        where T : class
    {
        var waitLimit = limit ?? WaitLimit;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.GetTimestamp();
        T? last = null;
        while (Stopwatch.GetElapsedTime(started) < waitLimit)
        {
            last = await probe();
            if (last is not null)
            {
                return last;
            }

            await timer.WaitForNextTickAsync();
        }

        var hosts = await HostsAsync();
        throw new TimeoutException(
            $"{what}: not within {waitLimit.TotalSeconds} s. Hosts: {string.Join(", ", hosts?.Select(h => $"{h.HostId}={h.State}") ?? ["(no answer)"])}\n{Logs()}");
    }

    public virtual async Task DisposeAsync()
    {
        Admin.Dispose();
        foreach (var process in _hosts.Values.Append(Controller))
        {
            process.Dispose();
        }

        await Task.Yield();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp dir is cleaned by the OS later.
        }
    }

    private string Logs() => string.Join("\n", _hosts.Values.Append(Controller).OfType<ChildProcess>().Select(p => $"--- {p.Name} ---\n{p.Output}"));

    private string[] HostArgs(string host, int port) =>
    [
        "--host-id", host, "--listen", Endpoint(port), "--seed", Endpoint(_clusterPort), "--no-tls",
        .. _options.ProductionTimings ? [] : new[] { "--heartbeat-interval", "200ms" },
        "--datastore", "ds-1", "--storage-leases", StorageLeases,
        .. _options.KeepGuests ? ["--guest-state", Path.Combine(_dir, host + ".guests")] : Array.Empty<string>(),
    ];

    /// <summary>The shared storage-lease directory: <c>ds-1/&lt;vm&gt;.lease</c> is a VM's lease.</summary>
    public string StorageLeases => Path.Combine(_dir, "data", "storage-leases");

    private static string Endpoint(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}
