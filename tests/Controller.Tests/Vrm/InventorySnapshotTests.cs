using System.Text.Json;
using Cluster.Controller.Alarms;
using Cluster.Controller.Serialization;
using Cluster.Controller.Vrm;
using Cluster.Controller.Vrm.Ha;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Vrm;

/// <summary>A snapshot written and read with the controller serializer's JSON options keeps alarms, datastore health and host history.</summary>
public sealed class InventorySnapshotTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Alarms_unreachable_datastores_and_host_history_survive_a_snapshot()
    {
        var host = HostId.From("h-1");
        var vm = VmId.From("vm-0001");
        var inventory = new Inventory();
        inventory.Apply(new HostRegistered(host, "a", new HostHardware(1, 4, 1, 2000, 16_384), CpuFeatureSet.None, [DatastoreId.From("ds-1"), DatastoreId.From("ds-2")]));
        inventory.Apply(new HostDatastoreHealthChanged(host, [DatastoreId.From("ds-2")]));
        inventory.Apply(new VmCreated(vm, new CreateVmRequest("web-1", 1, 512, [new VmDisk(DatastoreId.From("ds-1"), 1)]).ToSpec()));
        inventory.Apply(new VmPlaced(vm, host, T0));
        inventory.Apply(inventory.Alarms.Observe(new AlarmCondition(AlarmKinds.HostFaulty, AlarmSeverity.Major, AlarmObject.Host(host), "faulty"), T0)!);
        inventory.Apply(inventory.Alarms.Observe(new AlarmCondition(AlarmKinds.VmIsolated, AlarmSeverity.Warning, AlarmObject.Vm(vm), "isolated", AlarmObject.Host(host)), T0)!);
        inventory.Apply(inventory.Alarms.Clear(AlarmKinds.HostFaulty, AlarmObject.Host(host), "back", T0.AddMinutes(1))!);
        var payload = JsonSerializer.SerializeToUtf8Bytes(inventory.ToSnapshotRecord(), ControllerSerialization.JsonOptions);
        var back = Inventory.FromSnapshot(JsonSerializer.Deserialize<InventorySnapshot>(payload, ControllerSerialization.JsonOptions)!);

        Assert.Equal(inventory.Fingerprint(), back.Fingerprint());
        Assert.Equal([DatastoreId.From("ds-2")], back.Host(host)!.UnreachableDatastores);
        Assert.Equal([new HostVisit(host, 1, T0)], back.Vm(vm)!.HostHistory);
        Assert.Equal(inventory.Alarms.All.ToList(), back.Alarms.All.ToList());
        Assert.Equal(AlarmObject.Host(host), back.Alarms.Active.Single().Related);
        Assert.Equal(2, back.Alarms.EverRaised);
    }

    [Fact]
    public void The_highest_incarnation_a_rolled_back_migration_issued_survives_a_snapshot()
    {
        var vm = VmId.From("vm-0001");
        var inventory = new Inventory();
        inventory.Apply(new VmCreated(vm, new CreateVmRequest("web-1", 1, 512, [new VmDisk(DatastoreId.From("ds-1"), 1)]).ToSpec()));
        inventory.Apply(new VmPowerStateChanged(vm, VmPowerState.Stopped, VmPowerState.Starting, 1));
        inventory.IncarnationIssued(vm, 2);

        var payload = JsonSerializer.SerializeToUtf8Bytes(inventory.ToSnapshotRecord(), ControllerSerialization.JsonOptions);
        var back = Inventory.FromSnapshot(JsonSerializer.Deserialize<InventorySnapshot>(payload, ControllerSerialization.JsonOptions)!);

        Assert.Equal((1L, 3L), (back.Vm(vm)!.Incarnation, back.Vm(vm)!.NextIncarnation));
    }

    [Fact]
    public void Ha_episodes_survive_a_snapshot_written_and_read_by_the_controller_serializer()
    {
        var episodes = new List<HaEpisodeSnapshot> { new(VmId.From("vm-0001"), HaPhase.Abandoned, 5), new(VmId.From("vm-0002"), HaPhase.RestartFailed, 2) };
        var snapshot = new Inventory().ToSnapshotRecord() with { Ha = episodes };

        var payload = JsonSerializer.SerializeToUtf8Bytes(snapshot, ControllerSerialization.JsonOptions);
        var back = JsonSerializer.Deserialize<InventorySnapshot>(payload, ControllerSerialization.JsonOptions)!;

        Assert.Equal(episodes, back.Ha);
    }

    [Fact]
    public void A_snapshot_written_before_ha_episodes_were_kept_reads_with_none()
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Inventory().ToSnapshotRecord(), ControllerSerialization.JsonOptions);
        var old = System.Text.Encoding.UTF8.GetString(payload).Replace(",\"ha\":null", "", StringComparison.Ordinal);

        var back = JsonSerializer.Deserialize<InventorySnapshot>(old, ControllerSerialization.JsonOptions)!;

        Assert.DoesNotContain("\"ha\"", old, StringComparison.Ordinal);
        Assert.Null(back.Ha);
    }
}
