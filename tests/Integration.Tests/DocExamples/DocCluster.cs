using System.Net.Http.Json;
using Cluster.Messages;

namespace Cluster.Integration.Tests.DocExamples;

/// <summary>
/// The cluster the docs' examples run on: a controller and three host nodes on the ports of
/// scripts/run-local-cluster.sh (9000, 9110, 9121-9123, or all moved up by 100s when busy), hosts started one
/// at a time, then the set-up docs/shell.md describes: web-1 created and started, db-1 created.
/// </summary>
public sealed class DocCluster() : LocalCluster(Options)
{
    private static readonly ClusterPorts FreePorts = ClusterPorts.FirstFree(3);

    private static LocalClusterOptions Options => new(FreePorts, OneHostAtATime: true);

    public ClusterPorts Ports => FreePorts;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var shell = new DocShell(Ports, new Placeholders(Ports, HostIds.Count));
        foreach (var setup in SetUp)
        {
            var output = await shell.RunAsync(DocCommand.Parse(setup));
            if (output.Any(l => l.StartsWith("[exit ", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"doc set-up '{setup}' failed:\n{string.Join('\n', output)}");
            }

            await SettledAsync();
        }
    }

    /// <summary>What docs/shell.md says was done before its first example.</summary>
    public static IReadOnlyList<string> SetUp { get; } =
    [
        "cluster-shell vm create --name web-1 --vcpus 2 --memory-mb 4096 --disk ds-1:40 --priority high",
        "cluster-shell vm start vm-0001",
        "cluster-shell vm create --name db-1 --vcpus 4 --memory-mb 8192 --disk ds-1:100",
    ];

    /// <summary>Waits until no VM is Starting or Stopping, so the next example sees the same state every run.</summary>
    public Task SettledAsync() => WaitAsync("every VM settled", async () =>
    {
        try
        {
            var vms = await Admin.GetFromJsonAsync(new Uri("api/vms", UriKind.Relative), ClusterMessagesJsonContext.Default.IReadOnlyListVmView);
            return vms is not null && vms.All(v => v.PowerState is not (VmPowerState.Starting or VmPowerState.Stopping)) ? vms : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    });
}
