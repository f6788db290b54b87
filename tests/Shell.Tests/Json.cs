namespace Cluster.Shell.Tests;

/// <summary>Canned answers in the admin API's wire shape (camelCase, enums as names, ids as strings).</summary>
internal static class Json
{
    public const string Host = """{"hostId":"h-1","address":"10.0.0.1:9120","state":"Normal","capacity":{"cpuMhz":52000,"memoryMb":262144},"allocated":{"cpuMhz":4000,"memoryMb":8192},"vmCount":1}""";

    /// <summary>A host as a controller with heartbeats and datastore health answers it.</summary>
    public const string HostWithHealth = """{"hostId":"h-2","address":"10.0.0.2:9120","state":"Normal","capacity":{"cpuMhz":98800,"memoryMb":262144},"allocated":{"cpuMhz":0,"memoryMb":8192},"vmCount":1,"used":{"cpuMhz":1200,"memoryMb":4096},"hardware":{"sockets":2,"coresPerSocket":10,"threadsPerCore":2,"clockMhz":2600,"memoryMb":266240,"reservedVcpus":2,"reservedMemoryMb":4096},"datastores":[{"datastore":"ds-1","reachable":true,"problem":null},{"datastore":"ds-2","reachable":false,"problem":"no marker"}],"vms":["vm-1"],"lastHeartbeat":"2025-01-02T03:04:05+00:00"}""";

    /// <summary>A VM with every detail field.</summary>
    public const string DetailedVm = """{"vmId":"vm-3","name":"app-1","powerState":"Running","host":"h-2","vcpus":2,"memoryMb":4096,"haEnabled":true,"restartPriority":"High","disks":[{"datastore":"ds-1","sizeGb":40},{"datastore":"ds-2","sizeGb":10}],"cpuQos":{"shares":2000,"reservation":500,"limit":null},"memoryQos":{"shares":1000,"reservation":0,"limit":4096},"incarnation":3,"hostHistory":[{"host":"h-2","incarnation":3,"since":"2025-01-02T03:04:05+00:00"},{"host":"h-1","incarnation":1,"since":null}]}""";

    public const string Vm = """{"vmId":"vm-1","name":"web-1","powerState":"Running","host":"h-1","vcpus":2,"memoryMb":4096,"haEnabled":true,"restartPriority":"High"}""";

    public const string StoppedVm = """{"vmId":"vm-2","name":"db-1","powerState":"Stopped","host":null,"vcpus":4,"memoryMb":8192,"haEnabled":false,"restartPriority":"Low"}""";

    public const string Cluster = $$"""{"clusterId":"c-1","epoch":7,"capacity":{"cpuMhz":52000,"memoryMb":262144},"allocated":{"cpuMhz":4000,"memoryMb":8192},"hosts":[{{Host}}],"vms":[{{Vm}},{{StoppedVm}}]}""";

    /// <summary>Two controllers and a host that controller b cannot reach, as /api/cluster/members answers.</summary>
    public const string Members = """{"selfAddress":"akka.tcp://cluster@10.0.0.2:4053","leader":"akka.tcp://cluster@10.0.0.1:4053","controllerLeader":"akka.tcp://cluster@10.0.0.1:4053","singletonAt":"akka.tcp://cluster@10.0.0.1:4053","members":[{"address":"akka.tcp://cluster@10.0.0.1:4053","uid":11,"roles":["controller"],"status":"Up","reachable":true,"unreachableBy":[]},{"address":"akka.tcp://cluster@10.0.0.2:4053","uid":12,"roles":["controller"],"status":"Up","reachable":true,"unreachableBy":[]},{"address":"akka.tcp://cluster@10.0.0.7:4053","uid":13,"roles":["host"],"status":"Leaving","reachable":false,"unreachableBy":["akka.tcp://cluster@10.0.0.2:4053"]}]}""";

    public const string Member = """{"address":"akka.tcp://cluster@10.0.0.7:4053","uid":13,"roles":["host"],"status":"Up","reachable":true,"unreachableBy":[]}""";

    /// <summary>A migration moving memory, with the source's last progress report.</summary>
    public const string Migration = """{"migrationId":"mig-0001","vmId":"vm-0001","source":"h-1","target":"h-2","phase":"Transferring","reason":"requested by an operator","admittedAt":"2025-01-02T03:04:05+00:00","lastChange":"h-1 sends 4096 MB","passes":3,"remainingMb":512,"dirtyRateMiBPerSecond":120.5,"throttlePercent":20}""";

    /// <summary>A migration that ended before the source reported any progress.</summary>
    public const string QueuedMigration = """{"migrationId":"mig-0003","vmId":"vm-0003","source":"h-1","target":null,"phase":"Requested","reason":"requested by an operator","admittedAt":"2025-01-02T03:04:05+00:00","lastChange":"waiting: 5 migration(s) open, the most the cluster runs at once (5)","passes":null,"remainingMb":null,"dirtyRateMiBPerSecond":null,"throttlePercent":null,"priority":"Operator"}""";

    public const string EnteringMaintenanceHost = """{"hostId":"h-1","address":"10.0.0.1:9120","state":"EnteringMaintenance","capacity":{"cpuMhz":52000,"memoryMb":262144},"allocated":{"cpuMhz":4000,"memoryMb":8192},"vmCount":1,"maintenance":"entering maintenance: 1 VM(s) left on it, 1 migrating, 0 waiting in the migration queue"}""";

    public const string MaintenanceHost = """{"hostId":"h-1","address":"10.0.0.1:9120","state":"Maintenance","capacity":{"cpuMhz":52000,"memoryMb":262144},"allocated":{"cpuMhz":0,"memoryMb":0},"vmCount":0,"maintenance":"in maintenance: no VM on it; it is no target and its silence is no fault"}""";

    public const string BlockedHost = """{"hostId":"h-1","address":"10.0.0.1:9120","state":"EnteringMaintenance","capacity":{"cpuMhz":52000,"memoryMb":262144},"allocated":{"cpuMhz":4000,"memoryMb":8192},"vmCount":1,"maintenance":"entering maintenance: 1 VM(s) left on it, 0 migrating, 0 waiting in the migration queue; blocked: host h-1 cannot finish entering maintenance: vm-0001: no host can take vm-0001"}""";

    public const string CompletedMigration = """{"migrationId":"mig-0003","vmId":"vm-0003","source":"h-1","target":"h-2","phase":"Completed","reason":"requested by an operator","admittedAt":"2025-01-02T03:04:05+00:00","lastChange":"the target runs the VM and holds its storage lease","passes":null,"remainingMb":null,"dirtyRateMiBPerSecond":null,"throttlePercent":null,"downtimeMs":180,"totalMs":7400}""";

    public const string RolledBackMigration = """{"migrationId":"mig-0002","vmId":"vm-0002","source":"h-2","target":"h-3","phase":"RolledBack","reason":"requested by an operator","admittedAt":"2025-01-02T03:04:05+00:00","lastChange":"h-3 did not prepare the incoming VM within 30 s","passes":null,"remainingMb":null,"dirtyRateMiBPerSecond":null,"throttlePercent":null}""";

    public const string StorageMigration = """{"migrationId":"mig-0003","vmId":"vm-0001","source":"h-1","target":"h-1","phase":"Mirroring","reason":"requested by an operator","admittedAt":"2025-01-02T03:04:05+00:00","lastChange":"h-1 mirrors 40 GB of disks to ds-2","kind":"Storage","fromDatastore":"ds-1","datastore":"ds-2","mirrorRemainingMb":20480}""";

    public const string SharedNothingMigration = """{"migrationId":"mig-0004","vmId":"vm-0001","source":"h-1","target":"h-2","phase":"Mirroring","reason":"requested by an operator","admittedAt":"2025-01-02T03:04:05+00:00","lastChange":"h-1 mirrors 40 GB of disks to ds-2 before h-2 takes the VM","kind":"SharedNothing","fromDatastore":"ds-1","datastore":"ds-2","mirrorRemainingMb":10240}""";

    public const string ColdMigration = """{"migrationId":"mig-0005","vmId":"vm-0002","source":"h-1","target":"h-1","phase":"Copying","reason":"requested by an operator","admittedAt":"2025-01-02T03:04:05+00:00","lastChange":"h-1 copies 40 GB of disks to ds-2","kind":"Cold","fromDatastore":"ds-1","datastore":"ds-2","mirrorRemainingMb":30720}""";

    public const string Leader = """{"holder":"controller-a","epoch":7,"isActive":true}""";

    /// <summary>A problem-details body (RFC 9457) as the controller sends with every error.</summary>
    public static string Error(string detail, string field, string reason) =>
        $$"""{"type":"urn:cluster:problem:conflict","title":"the request conflicts with the cluster's state","status":409,"detail":"{{detail}}","errors":[{"field":"{{field}}","reason":"{{reason}}"}]}""";

    public static string Event(long ordering) =>
        $$$"""{"ordering":{{{ordering}}},"persistenceId":"vrm","sequenceNr":{{{ordering}}},"created":"2025-01-02T03:04:05+00:00","manifest":"inv.vm-deleted.v1","event":{"vmId":"vm-{{{ordering}}}"}}""";
}
