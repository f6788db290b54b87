using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

/// <summary>Canned replies for the fake VRM.</summary>
internal static class Samples
{
    public static HostView Host(string id = "h-1") =>
        new(new HostId(id), "10.0.0.1:9120", HostState.Normal, new Resources(52_000, 262_144), new Resources(4_000, 8_192), 1);

    public static VmView Vm(string id = "vm-1", VmPowerState state = VmPowerState.Running) =>
        new(new VmId(id), "web-1", state, new HostId("h-1"), 2, 4096, true, RestartPriority.High);

    public static ClusterStatus Status() =>
        new(new ClusterId("c-1"), 7, new Resources(52_000, 262_144), new Resources(4_000, 8_192), [Host()], [Vm()]);

    public static DatastoreView Datastore(string id = "ds-1") =>
        new(new DatastoreId(id), id, 500, 1.0, 500, 80, 40, 460, [new DatastoreHostView(new HostId("h-1"), HostState.Normal, true)], [new DatastoreVmView(new VmId("vm-1"), "web-1", VmPowerState.Running, 1, 40)]);

    public static LeaderInfo Leader() => new("controller-a", 7, true);

    public static CreateVmRequest CreateRequest(string name = "web-2") =>
        new(name, 2, 4096, [new VmDisk(new DatastoreId("ds-1"), 40)]);

    /// <summary>A VRM that knows h-1 and vm-1, and answers NotFound for anything else.</summary>
    public static object? Answer(object message) => message switch
    {
        GetClusterStatus => Status(),
        GetLeader => Leader(),
        ListHosts => new HostList([Host(), Host("h-2")]),
        GetHost { HostId.Value: "h-1" } => Host(),
        GetHost => AdminFailure.NotFound("hostId", "host"),
        ListDatastores => new DatastoreList([Datastore(), Datastore("ds-2")]),
        GetDatastore { DatastoreId.Value: "ds-1" } => Datastore(),
        GetDatastore => AdminFailure.NotFound("datastoreId", "datastore"),
        ListVms => new VmList([Vm(), Vm("vm-2", VmPowerState.Stopped)]),
        GetVm { VmId.Value: "vm-1" } => Vm(),
        CreateVm create => Vm("vm-9", VmPowerState.Stopped) with { Name = create.Request.Name },
        PowerOnVm { VmId.Value: "vm-1" } => Vm(),
        PowerOffVm { VmId.Value: "vm-1" } => Vm(state: VmPowerState.Stopped),
        RemoveVm { VmId.Value: "vm-1" } => Vm(state: VmPowerState.Stopped),
        GetVm or PowerOnVm or PowerOffVm or RemoveVm => AdminFailure.NotFound("vmId", "VM"),
        _ => null,
    };
}
