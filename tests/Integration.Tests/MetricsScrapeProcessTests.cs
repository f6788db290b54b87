using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cluster.Messages;

namespace Cluster.Integration.Tests;

/// <summary>
/// Prometheus scraping a real controller's admin port: /metrics answers in the text format, and what it says of hosts
/// and VMs is what /api/hosts and /api/vms say (the gauges read the view the VRM publishes every second, so the test
/// waits for the two to agree, as a dashboard would a scrape later).
/// </summary>
public sealed partial class MetricsScrapeProcessTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    [Fact]
    public async Task Metrics_show_the_hosts_and_vms_the_admin_api_lists()
    {
        await cluster.AllHostsNormalAsync();
        var vm = await cluster.RunVmAsync("metrics-vm", 1024);

        var agreed = await cluster.WaitAsync("/metrics agreeing with /api/hosts and /api/vms", async () =>
        {
            var scrape = await ScrapeAsync();
            var hosts = await cluster.HostsAsync();
            var vms = await cluster.Admin.GetFromJsonAsync(new Uri("api/vms", UriKind.Relative), ClusterMessagesJsonContext.Default.IReadOnlyListVmView);
            return hosts is not null && vms is not null && Agree(scrape, hosts, vms) ? scrape : null;
        });

        Assert.Equal(1024L * 1024 * 1024, agreed.Value("cluster_vm_memory_allocated_bytes", ("cluster_vm_id", vm.VmId.Value)));
        Assert.Equal(1, agreed.Value("cluster_vm_state", ("cluster_vm_id", vm.VmId.Value), ("cluster_vm_state", "running")));
        Assert.Equal(1, agreed.Value("cluster_host_vm_count", ("cluster_host_id", vm.Host!.Value.Value)));
        Assert.True(agreed.Value("cluster_heartbeats_total") > 0, "heartbeats are counted");
        Assert.True(agreed.Value("cluster_journal_write_duration_seconds_count") > 0, "journal writes are timed");
        Assert.Contains(agreed.Lines, line => line.StartsWith("dotnet_gc_collections", StringComparison.Ordinal) || line.StartsWith("process_runtime_dotnet", StringComparison.Ordinal));
    }

    private static bool Agree(Scrape scrape, IReadOnlyList<HostView> hosts, IReadOnlyList<VmView> vms) =>
        scrape.Value("cluster_hosts", ("cluster_host_state", "normal")) == hosts.Count(h => h.State == HostState.Normal)
        && scrape.Value("cluster_vms", ("cluster_vm_state", "running")) == vms.Count(v => v.PowerState == VmPowerState.Running)
        && hosts.All(h => scrape.Value("cluster_host_vm_count", ("cluster_host_id", h.HostId.Value)) == h.VmCount
            && (h.Used is not { } used || scrape.Value("cluster_host_memory_usage_bytes", ("cluster_host_id", h.HostId.Value)) is not null));

    private async Task<Scrape> ScrapeAsync()
    {
        using var response = await cluster.Admin.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET /metrics: {(int)response.StatusCode}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>One scrape in Prometheus's text format: <c>name{label="value",...} number [timestamp]</c> per line.</summary>
    private sealed partial class Scrape(string text)
    {
        public IReadOnlyList<string> Lines { get; } = [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#')];

        /// <summary>The value of the one sample of <paramref name="name"/> that has every label given, or null.</summary>
        public double? Value(string name, params (string Label, string Value)[] labels)
        {
            foreach (var line in Lines)
            {
                var match = Sample().Match(line);
                if (match.Success && match.Groups["name"].Value == name
                    && labels.All(l => match.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
                {
                    return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
                }
            }

            return null;
        }

        [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
        private static partial Regex Sample();
    }
}
