using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.HostNode.Hypervisor;
using Cluster.HostNode.Vm;

namespace Cluster.HostNode.Node;

/// <summary>
/// What a host keeps when only its agent stops (<c>--guest-state</c>). A real hypervisor's guests are processes of their
/// own and run on while the host-node process restarts; the simulated hypervisor's live in this process, so on a
/// requested stop they are written here with the storage leases they hold and the highest epoch seen, and the next
/// start takes them back: the same guests at the same incarnations, whose agents adopt their leases as after a
/// rejoin. The file is removed once read, so only a clean stop keeps guests; a kill -9 stands for the host crashing.
/// </summary>
public sealed record KeptGuests(IReadOnlyList<KeptGuest> Guests, IReadOnlyList<AdoptedLease> Leases, long Epoch)
{
    /// <summary>Writes what <paramref name="machine"/> runs and holds now to <paramref name="path"/>.</summary>
    public static void Save(string path, IReadOnlyList<KeptGuest> running, HostMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var kept = new KeptGuests(running, machine.Leases.Held(), machine.Epochs.Highest);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(kept, KeptGuestsJsonContext.Default.KeptGuests));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Starts the guests kept in <paramref name="path"/> on <paramref name="hypervisor"/> and gives their leases back to
    /// <paramref name="machine"/>'s ledger, then removes the file; null when there is none. A guest the hypervisor
    /// refuses (the host was started smaller) is left out, and its lease lapses.
    /// </summary>
    public static KeptGuests? TakeBack(string path, SimulatedHypervisor hypervisor, HostMachine machine)
    {
        ArgumentNullException.ThrowIfNull(hypervisor);
        ArgumentNullException.ThrowIfNull(machine);
        if (!File.Exists(path))
        {
            return null;
        }

        var kept = JsonSerializer.Deserialize(File.ReadAllText(path), KeptGuestsJsonContext.Default.KeptGuests)
            ?? throw new InvalidDataException($"'{path}' holds no kept guests");
        var started = kept.Guests.Where(g => hypervisor.Start(g.Vm, g.Spec, g.Incarnation) is null).ToList();
        machine.Leases.Restore(kept.Leases.Where(l => started.Exists(g => g.Vm == l.Vm && g.Incarnation == l.Incarnation)));
        machine.Epochs.Note(kept.Epoch);
        File.Delete(path);
        return kept with { Guests = started };
    }
}

[JsonSerializable(typeof(KeptGuests))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
internal sealed partial class KeptGuestsJsonContext : JsonSerializerContext;
