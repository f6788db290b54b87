using Akka.Actor;
using Akka.Configuration;
using Cluster.HostNode.Cna;
using Cluster.Messages;

namespace Cluster.HostNode.Tests.Akka;

/// <summary>Virtual time for the host actors' specs: the TestScheduler drives the timers and the deciders' <c>now</c>.</summary>
internal static class HostSpecConfig
{
    public static readonly HostId Host = HostId.From("host-1");
    public static readonly DatastoreId Ds1 = DatastoreId.From("ds-1");
    public static readonly HostHardware Hardware = new(1, 8, 1, 2000, 32_768);

    public static Config Hocon { get; } = ConfigurationFactory.ParseString("""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        """);

    public static CnaSettings Settings() => new(Host, Hardware, CpuFeatureSet.None, [Ds1]);

    public static VmSpec Spec(string name) =>
        new(name, 2, 4096, [new VmDisk(Ds1, 40)], QosSpec.Default, QosSpec.Default, HaEnabled: true, RestartPriority.Medium, CpuFeatureSet.None);
}

/// <summary>The lease store's clock, read from the actor system's scheduler so leases age on virtual time too.</summary>
internal sealed class SchedulerTime(IScheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now;
}
