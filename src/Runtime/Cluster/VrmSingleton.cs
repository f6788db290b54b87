using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Cluster.Runtime.Leases;

namespace Cluster.Runtime.Cluster;

/// <summary>
/// Where the VRM lives: a ClusterSingletonManager on every controller (the oldest one runs the VRM, and only while it
/// holds the SQL lease) and a ClusterSingletonProxy on every node, which is how hosts and the admin API reach it
/// wherever it moves. The proxy buffers while no VRM is up (a hand-over), so a heartbeat sent meanwhile is late, not lost.
/// </summary>
public static class VrmSingleton
{
    public const string ManagerName = "vrm";
    public const string SingletonName = "vrm";
    public const string ProxyName = "vrm-proxy";

    /// <summary>The manager's path on each controller; the singleton is its child <see cref="SingletonName"/>.</summary>
    public const string ManagerPath = "/user/" + ManagerName;

    /// <summary>Singleton and proxy settings: lease, role, and the short retry intervals issue 7 measured failover with.</summary>
    public static Config Hocon { get; } = ConfigurationFactory.ParseString($$"""
        akka.cluster.singleton {
          role = "{{ClusterRoles.Controller}}"
          singleton-name = "{{SingletonName}}"
          use-lease = "{{SqlLeaseConfig.ConfigPath}}"
          lease-retry-interval = 200ms
          hand-over-retry-interval = 200ms
        }
        akka.cluster.singleton-proxy {
          role = "{{ClusterRoles.Controller}}"
          singleton-name = "{{SingletonName}}"
          singleton-identification-interval = 200ms
          buffer-size = 10000
          # Off: its first check fires when the proxy starts, before any lookup, so every process logged a false
          # "failed to find ... after 30 seconds" (akka.net issue 8568). A host that never reaches the VRM shows
          # as not registered (host list, alarms) instead.
          log-singleton-identification-failure = off
        }
        """);

    /// <summary>Starts the manager (controllers only); <paramref name="vrmProps"/> is started on the active one.</summary>
    public static IActorRef StartManager(ActorSystem system, Props vrmProps)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.ActorOf(
            ClusterSingletonManager.Props(vrmProps, HandOver.Instance, ClusterSingletonManagerSettings.Create(system)),
            ManagerName);
    }

    public static IActorRef StartProxy(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.ActorOf(ClusterSingletonProxy.Props(ManagerPath, ClusterSingletonProxySettings.Create(system)), ProxyName);
    }

    /// <summary>
    /// What the manager sends the VRM to end its tenure (leave, hand-over). Not a PoisonPill: a persistent actor must
    /// finish storing what it has acknowledged before it stops.
    /// </summary>
    public sealed record HandOver
    {
        public static readonly HandOver Instance = new();
    }
}
