using System.Globalization;
using Cluster.Messages;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Scenarios;

/// <summary>
/// Reads a scenario's commands.txt: one command per line, '#' starts a comment. VM commands use the
/// admin shell's language (<c>vm create --name web-1 --vcpus 2 --memory-mb 4096 --disk ds-1:40 --priority high</c>,
/// <c>vm start web-1</c>, <c>vm stop web-1 [--force]</c>, <c>vm delete web-1</c>, <c>vm reconfigure web-1 [--vcpus 4]
/// [--memory-mb 8192] [--disk 0:80] [--add-nic net-1] [--ha false] [--priority high]</c>), with VMs named by name.
/// Simulation commands: <c>advance 30s</c>, <c>crash host-1</c>, <c>restart host-1</c>,
/// <c>partition-management host-1</c>, <c>heal-management host-1</c> (that host's cut only), <c>lose-storage host-1</c>,
/// <c>restore-storage host-1</c>, <c>heal</c> (every cut and link fault), <c>datastore-down ds-1</c>, <c>datastore-up ds-1</c>,
/// <c>crash-controller active|ctrl-N</c>, <c>restart-controller ctrl-N|down</c> (down: every controller that is down),
/// <c>crash-guest web-1</c>, <c>management-faults host-1 [drop=0.3] [dup=0.1] [delay=0ms-500ms]</c> (none: no faults),
/// <c>show</c>, and <c>expect-settled</c> (every fault is healed and time has passed: check the invariants that hold
/// only then). The randomized runs write their fault plans in this language.
/// Live migration: <c>vm migrate web-1 [--host host-2] [--datastore ds-2]</c> (with only a datastore, a storage migration),
/// <c>migration show mig-0001</c> and <c>migration cancel mig-0001</c> (operators' asks, as the admin shell words them),
/// <c>guest-dirty-rate web-1 600</c> (the guest now dirties 600 MiB/s of its memory, as QEMU counts pages),
/// <c>guest-disk-write-rate web-1 300</c> (it now writes 300 MiB/s to its disks, as a mirror counts them),
/// <c>partition-hosts host-1 host-2</c> (cut the link between two hosts, which only migrations use) and
/// <c>heal-hosts host-1 host-2</c> (mend that link only).
/// Maintenance mode: <c>host maintenance enter host-1</c> and <c>host maintenance exit host-1</c>.
/// Hosts, datastores, controllers and VM names are checked here, so a typo fails before anything runs.
/// </summary>
public sealed class CommandFile
{
    public const string Usage =
        "expected one of: vm create|start|stop|delete|reconfigure|migrate, migration show|cancel, host maintenance enter|exit, advance, crash, restart, partition-management, heal-management, "
        + "partition-hosts, heal-hosts, lose-storage, restore-storage, heal, datastore-down, datastore-up, crash-controller, restart-controller, crash-guest, "
        + "guest-dirty-rate, guest-disk-write-rate, management-faults, show, expect-settled";

    private readonly string _file;
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _datastores;
    private readonly IReadOnlyList<string> _controllers;
    private readonly HashSet<string> _vms = new(StringComparer.Ordinal);
    private int _line;

    private CommandFile(string file, ScenarioCluster cluster)
    {
        _file = file;
        _hosts = cluster.Options.Hosts.Select(h => h.HostId.Value).ToHashSet(StringComparer.Ordinal);
        _datastores = cluster.Datastores.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        _controllers = [.. Enumerable.Range(1, cluster.Options.Controllers).Select(i => $"ctrl-{i}")];
    }

    public static IReadOnlyList<ScenarioCommand> Parse(string text, string file, ScenarioCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new CommandFile(file, cluster);
        var commands = new List<ScenarioCommand>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length > 0)
            {
                reader._line = i + 1;
                commands.Add(reader.ParseLine(content, content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            }
        }

        return commands;
    }

    private ScenarioCommand ParseLine(string text, string[] w) => w switch
    {
        ["advance", var d] => new AdvanceCommand(_line, text, Duration(d)),
        ["vm", "create", .. var options] => new CreateVmCommand(_line, text, CreateRequest(options)),
        ["vm", "start", var vm] => new VmCommand(_line, text, VmAction.Start, Vm(vm)),
        ["vm", "stop", var vm] => new VmCommand(_line, text, VmAction.Stop, Vm(vm)),
        ["vm", "stop", var vm, "--force"] => new VmCommand(_line, text, VmAction.ForceStop, Vm(vm)),
        ["vm", "delete", var vm] => new VmCommand(_line, text, VmAction.Delete, Vm(vm)),
        ["vm", "reconfigure", var vm, .. var options] => new ReconfigureVmCommand(_line, text, Vm(vm), ReconfigureRequest(options)),
        ["vm", "migrate", var vm] => new MigrateVmCommand(_line, text, Vm(vm), null),
        ["vm", "migrate", var vm, "--host", var h] => new MigrateVmCommand(_line, text, Vm(vm), Host(h)),
        ["host", "maintenance", "enter", var h] => new HostMaintenanceCommand(_line, text, Host(h), Enter: true),
        ["host", "maintenance", "exit", var h] => new HostMaintenanceCommand(_line, text, Host(h), Enter: false),
        ["vm", "migrate", var vm, "--datastore", var ds] => new MigrateVmCommand(_line, text, Vm(vm), null, Datastore(ds)),
        ["vm", "migrate", var vm, "--host", var h, "--datastore", var ds] => new MigrateVmCommand(_line, text, Vm(vm), Host(h), Datastore(ds)),
        ["migration", "cancel", var id] => new MigrationCommand(_line, text, MigrationId.From(id), Cancel: true),
        ["migration", "show", var id] => new MigrationCommand(_line, text, MigrationId.From(id), Cancel: false),
        ["crash-guest", var vm] => new VmCommand(_line, text, VmAction.CrashGuest, Vm(vm)),
        ["guest-dirty-rate", var vm, var rate] => new GuestDirtyRateCommand(_line, text, Vm(vm), Number(rate, "guest-dirty-rate")),
        ["guest-disk-write-rate", var vm, var rate] => new GuestDirtyRateCommand(_line, text, Vm(vm), Number(rate, "guest-disk-write-rate"), Disk: true),
        ["partition-hosts", var a, var b] when a != b => new PartitionHostsCommand(_line, text, Host(a), Host(b)),
        ["heal-hosts", var a, var b] when a != b => new PartitionHostsCommand(_line, text, Host(a), Host(b), Heal: true),
        ["crash", var h] => new HostCommand(_line, text, HostFault.Crash, Host(h)),
        ["restart", var h] => new HostCommand(_line, text, HostFault.Restart, Host(h)),
        ["partition-management", var h] => new HostCommand(_line, text, HostFault.PartitionManagement, Host(h)),
        ["heal-management", var h] => new HostCommand(_line, text, HostFault.HealManagement, Host(h)),
        ["lose-storage", var h] => new HostCommand(_line, text, HostFault.LoseStorage, Host(h)),
        ["restore-storage", var h] => new HostCommand(_line, text, HostFault.RestoreStorage, Host(h)),
        ["datastore-down", var ds] => new DatastoreCommand(_line, text, Datastore(ds), Down: true),
        ["datastore-up", var ds] => new DatastoreCommand(_line, text, Datastore(ds), Down: false),
        ["crash-controller", var c] => new CrashControllerCommand(_line, text, c == "active" ? c : Controller(c)),
        ["restart-controller", var c] => new RestartControllerCommand(_line, text, c == RestartControllerCommand.AllDown ? c : Controller(c)),
        ["management-faults", var h, .. var faults] => new ManagementFaultsCommand(_line, text, Host(h), Faults(faults)),
        ["heal"] => new HealCommand(_line, text),
        ["show"] => new ShowCommand(_line, text),
        ["expect-settled"] => new ExpectSettledCommand(_line, text),
        _ => throw Error($"cannot read '{text}': {Usage}"),
    };

    private CreateVmRequest CreateRequest(string[] options)
    {
        string? name = null;
        int? vcpus = null;
        long? memory = null;
        var disks = new List<VmDisk>();
        var ha = true;
        var priority = RestartPriority.Medium;
        for (var i = 0; i < options.Length; i += 2)
        {
            var value = i + 1 < options.Length ? options[i + 1] : throw Error($"vm create: {options[i]} needs a value");
            switch (options[i])
            {
                case "--name":
                    name = value;
                    break;
                case "--vcpus":
                    vcpus = (int)Number(value, "--vcpus");
                    break;
                case "--memory-mb":
                    memory = Number(value, "--memory-mb");
                    break;
                case "--disk":
                    disks.Add(Disk(value));
                    break;
                case "--ha":
                    ha = value switch { "true" => true, "false" => false, _ => throw Error($"vm create: --ha must be true or false, got '{value}'") };
                    break;
                case "--priority":
                    priority = Priority(value, "vm create");
                    break;
                default:
                    throw Error($"vm create: unknown option '{options[i]}' (expected --name, --vcpus, --memory-mb, --disk, --ha, --priority)");
            }
        }

        if (name is null || vcpus is null || memory is null || disks.Count == 0)
        {
            throw Error("vm create needs --name, --vcpus, --memory-mb and at least one --disk");
        }

        if (!_vms.Add(name))
        {
            throw Error($"vm create: '{name}' is already created earlier in this file");
        }

        return new CreateVmRequest(name, vcpus.Value, memory.Value, disks, HaEnabled: ha, RestartPriority: priority);
    }

    private ReconfigureVmRequest ReconfigureRequest(string[] options)
    {
        var request = new ReconfigureVmRequest();
        var disks = new List<DiskGrowth>();
        var nics = new List<VmNic>();
        for (var i = 0; i < options.Length; i += 2)
        {
            var value = i + 1 < options.Length ? options[i + 1] : throw Error($"vm reconfigure: {options[i]} needs a value");
            request = options[i] switch
            {
                "--vcpus" => request with { Vcpus = (int)Number(value, "--vcpus") },
                "--memory-mb" => request with { MemoryMb = Number(value, "--memory-mb") },
                "--ha" => request with { HaEnabled = value switch { "true" => true, "false" => false, _ => throw Error($"vm reconfigure: --ha must be true or false, got '{value}'") } },
                "--priority" => request with { RestartPriority = Priority(value, "vm reconfigure") },
                "--disk" or "--add-nic" => request,
                _ => throw Error($"vm reconfigure: unknown option '{options[i]}' (expected --vcpus, --memory-mb, --disk, --add-nic, --ha, --priority)"),
            };
            if (options[i] == "--disk")
            {
                disks.Add(value.Split(':') is [var index, var size] && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? new DiskGrowth(n, Number(size, "--disk size"))
                    : throw Error($"vm reconfigure: --disk must be INDEX:SIZE_GB, got '{value}'"));
            }
            else if (options[i] == "--add-nic")
            {
                nics.Add(new VmNic(value));
            }
        }

        return request with { Disks = disks.Count > 0 ? disks : null, AddNics = nics.Count > 0 ? nics : null };
    }

    private RestartPriority Priority(string value, string command) =>
        Enum.TryParse<RestartPriority>(value, ignoreCase: true, out var p) && !int.TryParse(value, CultureInfo.InvariantCulture, out _)
            ? p
            : throw Error($"{command}: --priority must be high, medium or low, got '{value}'");

    private VmDisk Disk(string value)
    {
        var parts = value.Split(':');
        if (parts.Length != 2)
        {
            throw Error($"vm create: --disk must be DATASTORE:SIZE_GB, got '{value}'");
        }

        return new VmDisk(Datastore(parts[0]), Number(parts[1], "--disk size"));
    }

    private LinkFaults Faults(string[] settings)
    {
        var faults = LinkFaults.None;
        foreach (var setting in settings)
        {
            faults = setting.Split('=') switch
            {
                ["drop", var p] => faults with { DropProbability = Probability(p, "drop") },
                ["dup", var p] => faults with { DuplicateProbability = Probability(p, "dup") },
                ["delay", var range] when range.Split('-') is [var min, var max] => faults with { MinDelay = Duration(min), MaxDelay = Duration(max) },
                _ => throw Error($"management-faults: cannot read '{setting}' (expected drop=P, dup=P, delay=MIN-MAX)"),
            };
        }

        return faults;
    }

    private double Probability(string text, string what) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1
            ? p
            : throw Error($"{what} must be a probability between 0 and 1, got '{text}'");

    private long Number(string text, string what) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw Error($"{what} must be a whole number of at least 1, got '{text}'");

    private TimeSpan Duration(string text) =>
        Durations.TryParse(text, out var d) ? d : throw Error($"'{text}' is not a duration (e.g. 500ms, 30s, 2m)");

    private HostId Host(string name) =>
        _hosts.Contains(name) ? HostId.From(name) : throw Error($"unknown host '{name}' (cluster.yaml has: {string.Join(", ", _hosts.Order())})");

    private DatastoreId Datastore(string name) =>
        _datastores.Contains(name) ? DatastoreId.From(name) : throw Error($"unknown datastore '{name}' (cluster.yaml has: {string.Join(", ", _datastores.Order())})");

    private string Controller(string name) =>
        _controllers.Contains(name) ? name : throw Error($"unknown controller '{name}' (expected {string.Join(", ", _controllers)}; crash-controller also takes 'active', restart-controller 'down')");

    private string Vm(string name) =>
        _vms.Contains(name) ? name : throw Error($"unknown VM '{name}': no 'vm create --name {name}' above this line");

    private ScenarioFormatException Error(string reason) => new(_file, _line, reason);
}
