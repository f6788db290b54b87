namespace Cluster.Shell.Commands;

/// <summary>Every palette and command the shell knows, in the order help lists them.</summary>
public sealed class CommandCatalog
{
    private readonly IReadOnlyList<CommandSpec> _commands;

    public CommandCatalog(IEnumerable<CommandSpec> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        _commands = [.. commands];
    }

    public static CommandCatalog Default { get; } = new(
        ClusterCommands.All.Concat(HostCommands.All).Concat(DatastoreCommands.All).Concat(VmCommands.All).Concat(MigrationCommands.All).Concat(AlarmCommands.All).Concat(RuleCommands.All).Concat(EventCommands.All));

    /// <summary>What each palette is for, shown by help.</summary>
    public static IReadOnlyDictionary<string, string> PaletteSummaries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cluster"] = "the cluster as a whole: members (show, leave, down), active controller, status, inventory, live view",
        ["host"] = "compute hosts (CNA nodes)",
        ["vm"] = "virtual machines: inventory and lifecycle",
        ["migration"] = "live migrations of running VMs (asked for with vm migrate): follow, cancel",
        ["alarm"] = "alarms: active conditions that want an operator, acknowledgement",
        ["events"] = "the controller's event journal",
    };

    public IReadOnlyList<string> Palettes => [.. _commands.Select(c => c.Palette).Distinct(StringComparer.Ordinal)];

    public bool HasPalette(string palette) => _commands.Any(c => c.Palette == palette);

    public IReadOnlyList<CommandSpec> InPalette(string palette) => [.. _commands.Where(c => c.Palette == palette)];

    public CommandSpec? Find(string palette, string name) => _commands.FirstOrDefault(c => c.Palette == palette && c.Name == name);
}
