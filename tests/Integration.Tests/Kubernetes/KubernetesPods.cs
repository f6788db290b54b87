using System.Globalization;
using Cluster.Messages;

namespace Cluster.Integration.Tests.Kubernetes;

/// <summary>
/// Controller and host-node processes started as deploy/k8s starts them (<c>--discovery kubernetes</c> with the
/// controllers' label selector, no seeds), each listed as a running pod of <see cref="Namespace"/> by a
/// <see cref="FakeKubernetesApi"/>. Everything is on 127.0.0.1, so every pod gets ports of its own, named as in the
/// manifests (<c>remoting</c>, <c>management</c>); the controllers share one SQLite database and one storage-lease
/// directory. Disposing kills every process, stops the server and deletes the directory.
/// </summary>
internal sealed class KubernetesPods : IAsyncDisposable
{
    public const string Namespace = "cluster-system";

    // The controllers' pod labels and discovery selector of deploy/k8s/base.
    private static readonly Dictionary<string, string> ControllerLabels = new()
    {
        ["app.kubernetes.io/component"] = "controller",
        ["app.kubernetes.io/part-of"] = "cluster",
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("k8s-it-").FullName;
    private readonly List<ControllerNode> _controllers = [];
    private readonly List<ChildProcess> _hosts = [];
    private FakeKubernetesApi _api = null!;

    public static string Selector => string.Join(',', ControllerLabels.Select(l => $"{l.Key}={l.Value}"));

    public FakeKubernetesApi Api => _api;

    public IReadOnlyList<ControllerNode> Controllers => _controllers;

    private string Database => Path.Combine(_dir, "cluster.db");

    public static async Task<KubernetesPods> StartApiAsync()
    {
        var pods = new KubernetesPods();
        pods._api = await FakeKubernetesApi.StartAsync(pods._dir);
        return pods;
    }

    /// <summary>Lists the controller pod <paramref name="name"/> and starts its process.</summary>
    public ControllerNode StartController(string name)
    {
        var (cluster, management) = (Binaries.FreePort(), Binaries.FreePort());
        _api.AddPod(name, Namespace, ControllerLabels, new Dictionary<string, int> { ["remoting"] = cluster, ["management"] = management });
        var node = ControllerNode.StartWith(name, _dir, cluster, _api.Environment,
        [
            .. Discovery(management), .. ControllerNode.OnOneDatabase(name, _dir, Database),
            "--datastore", "ds-1", "--heartbeat-interval", "200ms", "--missed-heartbeats", "5",
        ]);
        _controllers.Add(node);
        return node;
    }

    /// <summary>Lists the host-node pod <paramref name="host"/> (not matched by the controllers' selector) and starts its process.</summary>
    public ChildProcess StartHost(string host)
    {
        var (cluster, management) = (Binaries.FreePort(), Binaries.FreePort());
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = "host-node", ["app.kubernetes.io/part-of"] = "cluster" };
        _api.AddPod("cluster-host-node-" + host, Namespace, labels, new Dictionary<string, int> { ["remoting"] = cluster, ["management"] = management });
        var process = ChildProcess.Start(host, Binaries.HostNode, _dir, _api.Environment,
        [
            "--host-id", host, "--listen", Endpoint(cluster), .. Discovery(management), "--no-tls",
            "--heartbeat-interval", "200ms", "--datastore", "ds-1", "--storage-leases", Path.Combine(_dir, "storage-leases"),
        ]);
        _hosts.Add(process);
        return process;
    }

    /// <summary>The controllers still running, for waits that must not ask a stopped one.</summary>
    public ControllerNode[] Running => [.. _controllers.Where(c => !c.Process.HasExited)];

    /// <summary>Polls every 100 ms until <paramref name="probe"/> yields a value; on timeout the message has every pod's output.</summary>
    public async Task<T> WaitAsync<T>(string what, Func<Task<T?>> probe, int seconds)
        where T : class
    {
        if (await Poll.UntilAsync(probe, seconds) is { } value)
        {
            return value;
        }

        var logs = _controllers.Select(c => c.Process).Concat(_hosts).Select(p => $"--- {p.Name} ---\n{p.Output}");
        throw new TimeoutException($"{what}: not within {seconds} s; discovery asked for [{string.Join(" | ", _api.SelectorsAsked.Distinct())}]\n{string.Join("\n", logs)}");
    }

    /// <summary>The hosts as <paramref name="controller"/>'s admin API lists them, or null while it does not answer.</summary>
    public static Task<IReadOnlyList<HostView>?> HostsAsync(ControllerNode controller) =>
        controller.GetAsync("api/hosts", ClusterMessagesJsonContext.Default.IReadOnlyListHostView);

    public async ValueTask DisposeAsync()
    {
        ChildProcess.DisposeAll([.. _controllers, .. _hosts], _dir);
        await _api.DisposeAsync();
    }

    private string[] Discovery(int management) =>
    [
        "--discovery", "kubernetes", "--k8s-selector", Selector, "--k8s-namespace", Namespace,
        "--k8s-token-file", _api.TokenFile, "--management-port", management.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Endpoint(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}
