using System.Net;
using System.Net.Sockets;
using Akka.Cluster;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using Cluster.Persistence.StorageLeases;

namespace Cluster.MultiNode.Tests;

/// <summary>
/// Two controllers and three host nodes, each its own actor system in this process, on loopback, on one SQLite
/// database and one storage-lease directory. <see cref="First"/> is started first, so it is the oldest controller and
/// runs the VRM; <see cref="Second"/> listens on a lower port, so an even split between them keeps Second's side (the
/// split-brain resolver keeps the side with the lowest address when the controllers are evenly divided).
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Five actor systems in one process, on two cores shared with other test processes, stall each other for seconds:
    /// with the production pause (1.5 s) their failure detectors flapped, the split-brain resolver's leader changed within
    /// a side that already held the lease, and the new leader, refused the row, downed its own side. The tests check what
    /// the cluster decides, not how fast, so they tolerate a longer silence.
    /// </summary>
    private static readonly Akka.Configuration.Config SharedMachineTolerance =
        Akka.Configuration.ConfigurationFactory.ParseString("akka.cluster.failure-detector.acceptable-heartbeat-pause = 4s");

    private readonly string _dir;
    private readonly List<InProcessController> _controllers = [];

    private TestCluster(string dir, TestLog log)
    {
        _dir = dir;
        Log = log;
    }

    public TestLog Log { get; }

    public InProcessController First => _controllers[0];

    public InProcessController Second => _controllers[1];

    public IReadOnlyList<InProcessController> Controllers => _controllers;

    public List<InProcessHost> Hosts { get; } = [];

    public static async Task<TestCluster> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("multinode-").FullName;
        var leases = Path.Combine(dir, "storage-leases");
        DirectoryStorageLeaseStore.Format(leases);
        var cluster = new TestCluster(dir, new TestLog());
        var ports = FreePorts(5);
        int firstPort = Math.Max(ports[0], ports[1]), secondPort = Math.Min(ports[0], ports[1]);
        var overrides = Links.AdapterHocon([firstPort, secondPort]).WithFallback(SharedMachineTolerance);

        cluster._controllers.Add(await InProcessController.StartAsync("ctrl-a", firstPort, dir, leases, overrides, cluster.Log));
        await cluster.WaitAsync("ctrl-a Up and running the VRM", async () => cluster.First.Member.SelfMember.Status == MemberStatus.Up && await cluster.First.RunsVrmAsync());
        cluster._controllers.Add(await InProcessController.StartAsync("ctrl-b", secondPort, dir, leases, overrides, cluster.Log));
        for (var i = 0; i < 3; i++)
        {
            cluster.Hosts.Add(InProcessHost.Start($"h-{i + 1}", ports[2 + i], leases, overrides, cluster.Log));
        }

        await cluster.WaitAsync("5 members Up", () => Task.FromResult(cluster.First.Member.State.Members.Count(m => m.Status == MemberStatus.Up) == 5));
        await cluster.WaitForHostsAsync("3 hosts Normal", cluster.First, hosts => hosts.Count == 3 && hosts.All(h => h.State == HostState.Normal));
        return cluster;
    }

    /// <summary>Creates and powers on <paramref name="count"/> HA VMs with a disk on ds-1, and waits until all run.</summary>
    public async Task<IReadOnlyList<VmView>> RunVmsAsync(InProcessController via, int count)
    {
        // The controllers add their --datastore once the VRM answers, which may come after the hosts are Normal.
        await WaitAsync("ds-1 in the inventory", async () => await via.Vrm.AskAsync(new GetDatastore(new DatastoreId("ds-1")), AskTimeout, CancellationToken.None) is DatastoreView);
        for (var i = 0; i < count; i++)
        {
            var created = await AskAsync<VmView>(via, new CreateVm(new CreateVmRequest($"vm-{i}", 1, 1024, [new VmDisk(new DatastoreId("ds-1"), 10)])));
            await AskAsync<object>(via, new PowerOnVm(created.VmId));
        }

        return await WaitForVmsAsync($"{count} VMs Running", via, vms => vms.Count == count && vms.All(v => v.PowerState == VmPowerState.Running));
    }

    public async Task<T> AskAsync<T>(InProcessController via, object question)
    {
        var answer = await via.Vrm.AskAsync(question, AskTimeout, CancellationToken.None);
        return answer is T typed
            ? typed
            : throw new InvalidOperationException($"{question} was answered {answer}, not a {typeof(T).Name}");
    }

    public async Task<IReadOnlyList<HostView>> HostsAsync(InProcessController via) => (await AskAsync<HostList>(via, new ListHosts())).Hosts;

    public async Task<IReadOnlyList<VmView>> VmsAsync(InProcessController via) => (await AskAsync<VmList>(via, new ListVms())).Vms;

    public Task<IReadOnlyList<HostView>> WaitForHostsAsync(string what, InProcessController via, Func<IReadOnlyList<HostView>, bool> condition) =>
        Eventually.WaitAsync(what, Log, Patience, async () => await HostsAsync(via) is var hosts && condition(hosts) ? hosts : null);

    public Task<IReadOnlyList<VmView>> WaitForVmsAsync(string what, InProcessController via, Func<IReadOnlyList<VmView>, bool> condition) =>
        Eventually.WaitAsync(what, Log, Patience, async () => await VmsAsync(via) is var vms && condition(vms) ? vms : null);

    public Task WaitAsync(string what, Func<Task<bool>> probe) => Eventually.WaitAsync(what, Log, Patience, probe);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        foreach (var controller in _controllers)
        {
            await controller.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp directory is the OS's to clean.
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
