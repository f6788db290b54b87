using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization.Metadata;
using Cluster.Integration.Tests;
using Cluster.Messages;

namespace Cluster.Benchmarks.Failover;

/// <summary>One controller process of the failover benchmark (no TLS, SQLite) and a client of its admin API; killed on dispose.</summary>
internal sealed class BenchController : IDisposable
{
    private BenchController(string name, ChildProcess process, int clusterPort, int adminPort)
    {
        Name = name;
        Process = process;
        ClusterPort = clusterPort;
        AdminUrl = $"http://127.0.0.1:{adminPort}";
        Admin = new HttpClient { BaseAddress = new Uri(AdminUrl + "/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>The admin API's base, without the trailing slash (the probes are served there too).</summary>
    public string AdminUrl { get; }

    public string Name { get; }

    public ChildProcess Process { get; }

    public int ClusterPort { get; }

    public HttpClient Admin { get; }

    /// <summary>How the lease names this controller when it holds it: <c>cluster@127.0.0.1:PORT#uid</c>.</summary>
    public string HolderPrefix => $"cluster@{Endpoint(ClusterPort)}#";

    /// <summary>The Release build of src/Controller, which this project references and so builds first.</summary>
    public static string Dll => Built("Controller", "Cluster.Controller.dll");

    /// <summary>Starts a host node that joins through <paramref name="seedPort"/>; the run's cluster then has hosts, as a real one does.</summary>
    public static ChildProcess StartHost(string hostId, string dir, int seedPort, params string[] extra) =>
        ChildProcess.Start(hostId, Built("HostNode", "Cluster.HostNode.dll"), dir,
        [
            "--host-id", hostId, "--listen", Endpoint(FreePort()), "--seed", Endpoint(seedPort), "--no-tls",
            "--datastore", "ds-1", "--storage-leases", Path.Combine(dir, "storage-leases"), .. extra,
        ]);

    private static string Built(string project, string dllName)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cluster.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? ".", "src", project, "bin", "Release", "net10.0", dllName);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build src/{project} in Release first", dll);
    }

    /// <summary>Starts a controller on free ports that joins through <paramref name="seedPort"/> (its own: a new cluster).</summary>
    public static BenchController Start(string name, string dir, int clusterPort, int seedPort)
    {
        var adminPort = FreePort();
        var process = ChildProcess.Start(name, Dll, dir,
            "--node-id", name, "--listen", Endpoint(clusterPort), "--seed", Endpoint(seedPort), "--no-tls",
            "--admin-urls", $"http://127.0.0.1:{adminPort}", "--data-dir", Path.Combine(dir, name),
            "--database", "sqlite:" + Path.Combine(dir, "cluster.db"), "--storage-leases", Path.Combine(dir, "storage-leases"),
            "--format-storage-leases", "--datastore", "ds-1");
        return new BenchController(name, process, clusterPort, adminPort);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task<LeaderView?> LeaderAsync() => GetAsync("api/cluster/leader", ClusterMessagesJsonContext.Default.LeaderView);

    public Task<IReadOnlyList<VmView>?> VmsAsync() => GetAsync("api/vms", ClusterMessagesJsonContext.Default.IReadOnlyListVmView);

    public Task<ClusterMembersView?> MembersAsync() => GetAsync("api/cluster/members", ClusterMessagesJsonContext.Default.ClusterMembersView);

    /// <summary>Creates a VM through the admin API; null while the VRM does not accept it.</summary>
    public async Task<VmView?> CreateVmAsync(CreateVmRequest request)
    {
        try
        {
            using var response = await Admin.PostAsJsonAsync(new Uri("api/vms", UriKind.Relative), request, ClusterMessagesJsonContext.Default.CreateVmRequest);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(ClusterMessagesJsonContext.Default.VmView) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>A GET of the admin API, or null while it does not answer with success.</summary>
    public Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> type)
        where T : class => Admin.GetOrNullAsync(path, type);

    public void Dispose()
    {
        Admin.Dispose();
        Process.Dispose();
    }

    private static string Endpoint(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}
