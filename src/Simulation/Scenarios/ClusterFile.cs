using System.Globalization;
using Cluster.Controller.FailureDetection;
using Cluster.Controller.Planning.Admission;
using Cluster.Controller.Planning.HaRestart;
using Cluster.Controller.Vrm;
using Cluster.Messages;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cluster.Simulation.Scenarios;

/// <summary>
/// Reads a scenario's cluster.yaml:
/// <code>
/// seed: 1                       # the world's seed (default 1)
/// controllers: 2                # ctrl-1, ctrl-2 (default 2)
/// datastores:                   # a name, or a mapping with name and capacity-gb
///   - ds-1
/// hosts:                        # name (or names: [..]), hardware keys default to a standard host
///   - names: [host-1, host-2]
///     sockets: 2
///     cores: 10
///     threads: 2
///     clock-mhz: 2600
///     memory-gb: 256
///     datastores: [ds-1]
/// settings:
///   admission: tolerate-host-failures 1   # disabled | reserve-percentage CPU MEM | dedicated-failover-hosts H..
///   heartbeat-jitter: 0s
///   guest-failure-timeout: 10s
///   restart-backoff: 5 10s 2              # attempts, first retry delay, multiplier
///   asks: wait                            # or no-wait: admin commands do not wait for their answers (as the DST runs)
///   host-detection: heartbeats            # or membership N: also Faulty after N missed heartbeats once the cluster lost the node
/// </code>
/// Every problem is reported with the file and line.
/// </summary>
public sealed class ClusterFile
{
    private readonly string _file;

    private ClusterFile(string file) => _file = file;

    public static ScenarioCluster Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ScenarioFormatException(file, (int)e.Start.Line, $"not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new ScenarioFormatException(file, 1, "empty file: at least 'hosts' is required");
        }

        return new ClusterFile(file).ReadCluster(stream.Documents[0].RootNode);
    }

    private ScenarioCluster ReadCluster(YamlNode root)
    {
        var map = Mapping(root, "the file", "seed", "controllers", "datastores", "hosts", "settings");
        var datastores = map.TryGetValue("datastores", out var dsNode)
            ? Sequence(dsNode, "datastores").Select(ReadDatastore).ToList()
            : [new ScenarioDatastore("ds-1", 10_000)];
        var known = datastores.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        if (!map.TryGetValue("hosts", out var hostsNode))
        {
            throw Error(root, "'hosts' is required");
        }

        var hosts = Sequence(hostsNode, "hosts").SelectMany(h => ReadHosts(h, known)).ToList();
        var duplicate = hosts.GroupBy(h => h.HostId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Error(hostsNode, $"host '{duplicate.Key}' is defined twice");
        }

        var options = new SimulatedClusterOptions
        {
            Seed = map.TryGetValue("seed", out var seed) ? Int(seed, "seed", 0) : 1,
            Controllers = map.TryGetValue("controllers", out var controllers) ? Int(controllers, "controllers", 1) : 2,
            Hosts = hosts,
            Datastores = [.. known],
        };
        var asks = OperatorAsks.Wait;
        if (map.TryGetValue("settings", out var settings))
        {
            (options, asks) = ReadSettings(settings, options, hosts.Select(h => h.HostId.Value).ToHashSet(StringComparer.Ordinal));
        }

        return new ScenarioCluster(options, datastores) { Asks = asks };
    }

    private ScenarioDatastore ReadDatastore(YamlNode node)
    {
        if (node is YamlScalarNode scalar)
        {
            return new ScenarioDatastore(Name(scalar, "datastore"), 10_000);
        }

        var map = Mapping(node, "a datastore", "name", "capacity-gb");
        if (!map.TryGetValue("name", out var name))
        {
            throw Error(node, "a datastore needs a 'name'");
        }

        return new ScenarioDatastore(Name(name, "datastore"), map.TryGetValue("capacity-gb", out var capacity) ? Int(capacity, "capacity-gb", 1) : 10_000);
    }

    private IEnumerable<SimulatedHostSpec> ReadHosts(YamlNode node, IReadOnlySet<string> datastores)
    {
        var map = Mapping(node, "a host", "name", "names", "sockets", "cores", "threads", "clock-mhz", "memory-gb", "datastores");
        List<string> names = map.TryGetValue("name", out var name) ? [Name(name, "host")]
            : map.TryGetValue("names", out var many) ? [.. Sequence(many, "names").Select(n => Name(n, "host"))]
            : throw Error(node, "a host needs a 'name' (or 'names')");
        var hardware = new HostHardware(
            Get(map, "sockets", 2),
            Get(map, "cores", 10),
            Get(map, "threads", 2),
            Get(map, "clock-mhz", 2600),
            Get(map, "memory-gb", 256) * 1024L);
        var reach = map.TryGetValue("datastores", out var dsNode)
            ? Sequence(dsNode, "datastores").Select(d => (Node: d, Name: Name(d, "datastore"))).ToList()
            : [.. datastores.Select(d => (Node: node, Name: d))];
        foreach (var (dsRef, dsName) in reach.Where(d => !datastores.Contains(d.Name)))
        {
            throw Error(dsRef, $"unknown datastore '{dsName}' (declared: {string.Join(", ", datastores)})");
        }

        return names.Select(n => new SimulatedHostSpec(HostId.From(n), hardware, [.. reach.Select(d => DatastoreId.From(d.Name))]));
    }

    private (SimulatedClusterOptions Options, OperatorAsks Asks) ReadSettings(YamlNode node, SimulatedClusterOptions options, IReadOnlySet<string> hosts)
    {
        var map = Mapping(node, "settings", "admission", "heartbeat-jitter", "guest-failure-timeout", "ha-recheck", "restart-backoff", "asks", "migration-limits", "host-detection");
        var vrm = options.Vrm;
        if (map.TryGetValue("admission", out var admission))
        {
            vrm = vrm with { Admission = ReadAdmission(admission, hosts) };
        }

        if (map.TryGetValue("guest-failure-timeout", out var guest))
        {
            vrm = vrm with { GuestFailureTimeout = Duration(guest, "guest-failure-timeout") };
        }

        if (map.TryGetValue("ha-recheck", out var recheck))
        {
            vrm = vrm with { HaRecheckInterval = Duration(recheck, "ha-recheck") };
        }

        if (map.TryGetValue("restart-backoff", out var backoff))
        {
            vrm = vrm with { RestartBackoff = ReadBackoff(backoff) };
        }

        if (map.TryGetValue("migration-limits", out var limits))
        {
            vrm = ReadMigrationLimits(limits, vrm);
        }

        if (map.TryGetValue("host-detection", out var detection))
        {
            vrm = vrm with { HostDetection = ReadHostDetection(detection) };
        }

        var jitter = map.TryGetValue("heartbeat-jitter", out var j) ? Duration(j, "heartbeat-jitter") : options.HeartbeatJitter;
        var asks = map.TryGetValue("asks", out var a) ? ReadAsks(a) : OperatorAsks.Wait;
        return (options with { Vrm = vrm, HeartbeatJitter = jitter }, asks);
    }

    private HostDetectionOptions ReadHostDetection(YamlNode node) => Text(node, "host-detection").Split(' ', StringSplitOptions.RemoveEmptyEntries) switch
    {
        ["heartbeats"] => new HostDetectionOptions(),
        ["membership", var n] when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var missed) && missed >= 1 =>
            new HostDetectionOptions { Mode = HostDetectionMode.Membership, MissedWhenNodeGone = missed },
        _ => throw Error(node, "host-detection must be heartbeats or membership N (N >= 1 missed heartbeats)"),
    };

    private OperatorAsks ReadAsks(YamlNode node) => Text(node, "asks") switch
    {
        "wait" => OperatorAsks.Wait,
        "no-wait" => OperatorAsks.NoWait,
        var other => throw Error(node, $"asks must be wait or no-wait, got '{other}'"),
    };

    private IAdmissionPolicy ReadAdmission(YamlNode node, IReadOnlySet<string> hosts)
    {
        var words = Text(node, "admission").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int Number(int i) => i < words.Length && int.TryParse(words[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error(node, $"'{words[0]}' needs a whole number as argument {i}");
        try
        {
            return words switch
            {
                ["disabled"] => AdmissionControl.Disabled,
                ["tolerate-host-failures", _] => AdmissionControl.TolerateHostFailures(Number(1)),
                ["reserve-percentage", _, _] => AdmissionControl.ReservePercentage(Number(1), Number(2)),
                ["dedicated-failover-hosts", .. var failover] when failover.Length > 0 => AdmissionControl.DedicatedFailoverHosts(failover.Select(h =>
                    hosts.Contains(h) ? HostId.From(h) : throw Error(node, $"unknown host '{h}' in dedicated-failover-hosts"))),
                _ => throw Error(node, "admission must be one of: disabled | tolerate-host-failures N | reserve-percentage CPU% MEM% | dedicated-failover-hosts HOST..."),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw Error(node, $"bad admission policy: {e.Message}");
        }
    }

    private RestartBackoff ReadBackoff(YamlNode node)
    {
        var words = Text(node, "restart-backoff").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 3
            && int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
            && Durations.TryParse(words[1], out var first)
            && double.TryParse(words[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var multiplier) && multiplier >= 1)
        {
            return new RestartBackoff(attempts, first, multiplier);
        }

        throw Error(node, "restart-backoff must be 'ATTEMPTS FIRST-DELAY MULTIPLIER', e.g. '5 10s 2'");
    }

    /// <summary>The migration queue's limits: <c>migration-limits: {cluster: 5, outbound-per-host: 2, per-host: 8, per-datastore: 128}</c>, each optional.</summary>
    private VrmSettings ReadMigrationLimits(YamlNode node, VrmSettings vrm)
    {
        var map = Mapping(node, "migration-limits", "cluster", "outbound-per-host", "per-host", "per-datastore");
        return vrm with
        {
            MaxConcurrentMigrations = Get(map, "cluster", vrm.MaxConcurrentMigrations),
            MaxOutboundMigrationsPerHost = Get(map, "outbound-per-host", vrm.MaxOutboundMigrationsPerHost),
            MaxMigrationsPerHost = Get(map, "per-host", vrm.MaxMigrationsPerHost),
            MaxMigrationsPerDatastore = Get(map, "per-datastore", vrm.MaxMigrationsPerDatastore),
        };
    }

    private int Get(IReadOnlyDictionary<string, YamlNode> map, string key, int fallback) =>
        map.TryGetValue(key, out var node) ? Int(node, key, 1) : fallback;

    private Dictionary<string, YamlNode> Mapping(YamlNode node, string what, params string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"{what} must be a mapping of keys to values");
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = Text(key, "a key");
            if (!allowed.Contains(name))
            {
                throw Error(key, $"unknown key '{name}' in {what} (expected one of: {string.Join(", ", allowed)})");
            }

            if (!result.TryAdd(name, value))
            {
                throw Error(key, $"key '{name}' appears twice");
            }
        }

        return result;
    }

    private IEnumerable<YamlNode> Sequence(YamlNode node, string what) =>
        node is YamlSequenceNode sequence ? sequence.Children : throw Error(node, $"{what} must be a list");

    private string Text(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(node, $"{what} must be a single value");

    private string Name(YamlNode node, string what)
    {
        var text = Text(node, $"a {what} name");
        return text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? text
            : throw Error(node, $"'{text}' is not a valid {what} name (letters, digits, '-', '_', '.')");
    }

    private int Int(YamlNode node, string key, int min) =>
        int.TryParse(Text(node, key), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw Error(node, $"{key} must be a whole number of at least {min}");

    private TimeSpan Duration(YamlNode node, string key) =>
        Durations.TryParse(Text(node, key), out var value) ? value : throw Error(node, $"{key} must be a duration such as 500ms, 30s or 2m");

    private ScenarioFormatException Error(YamlNode node, string reason) => new(_file, (int)node.Start.Line, reason);
}
