using Cluster.Messages;
using Cluster.Simulation.World;

namespace Cluster.Simulation.Scenarios;

/// <summary>One line of commands.txt, parsed and checked against the cluster.</summary>
public abstract record ScenarioCommand(int Line, string Text);

public sealed record AdvanceCommand(int Line, string Text, TimeSpan Duration) : ScenarioCommand(Line, Text);

public sealed record CreateVmCommand(int Line, string Text, CreateVmRequest Request) : ScenarioCommand(Line, Text);

public enum VmAction
{
    Start,
    Stop,
    ForceStop,
    Delete,
    CrashGuest,
}

public sealed record VmCommand(int Line, string Text, VmAction Action, string Vm) : ScenarioCommand(Line, Text);

public enum HostFault
{
    Crash,
    Restart,
    PartitionManagement,
    HealManagement,
    LoseStorage,
    RestoreStorage,
}

public sealed record HostCommand(int Line, string Text, HostFault Fault, HostId Host) : ScenarioCommand(Line, Text);

/// <summary>An operator reconfigures a VM (live when it runs).</summary>
public sealed record ReconfigureVmCommand(int Line, string Text, string Vm, ReconfigureVmRequest Request) : ScenarioCommand(Line, Text);

/// <summary>An operator moves a VM live, to <paramref name="Host"/> or where placement picks.</summary>
public sealed record MigrateVmCommand(int Line, string Text, string Vm, HostId? Host, DatastoreId? Datastore = null) : ScenarioCommand(Line, Text);

/// <summary>An operator puts a host into maintenance (<paramref name="Enter"/>) or takes it out (cancelling one still entering).</summary>
public sealed record HostMaintenanceCommand(int Line, string Text, HostId Host, bool Enter) : ScenarioCommand(Line, Text);

/// <summary>An operator asks about a migration, or to cancel it.</summary>
public sealed record MigrationCommand(int Line, string Text, MigrationId Migration, bool Cancel) : ScenarioCommand(Line, Text);

/// <summary>The guest's workload changes: from now on it dirties <paramref name="MibPerSecond"/> of its memory.</summary>
public sealed record GuestDirtyRateCommand(int Line, string Text, string Vm, long MibPerSecond, bool Disk = false) : ScenarioCommand(Line, Text);

/// <summary>Cuts the link between two hosts, both ways, or with <paramref name="Heal"/> mends it.</summary>
public sealed record PartitionHostsCommand(int Line, string Text, HostId A, HostId B, bool Heal = false) : ScenarioCommand(Line, Text);

public sealed record DatastoreCommand(int Line, string Text, DatastoreId Datastore, bool Down) : ScenarioCommand(Line, Text);

/// <summary>Crash a controller by name, or "active" for whichever runs the VRM at that moment.</summary>
public sealed record CrashControllerCommand(int Line, string Text, string Controller) : ScenarioCommand(Line, Text);

/// <summary>Restart a controller by name, or "down" for every controller that is down at that moment.</summary>
public sealed record RestartControllerCommand(int Line, string Text, string Controller) : ScenarioCommand(Line, Text)
{
    public const string AllDown = "down";
}

/// <summary>Faults on the management links of a host, both directions, to every controller.</summary>
public sealed record ManagementFaultsCommand(int Line, string Text, HostId Host, LinkFaults Faults) : ScenarioCommand(Line, Text);

public sealed record HealCommand(int Line, string Text) : ScenarioCommand(Line, Text);

/// <summary>Writes the hosts' and VMs' state into the log.</summary>
public sealed record ShowCommand(int Line, string Text) : ScenarioCommand(Line, Text);

/// <summary>Says the cluster should have settled by now (every fault healed, quiet since): checks the invariants that hold only then.</summary>
public sealed record ExpectSettledCommand(int Line, string Text) : ScenarioCommand(Line, Text);
