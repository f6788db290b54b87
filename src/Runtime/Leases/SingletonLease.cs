using Akka.Actor;
using Akka.Coordination;

namespace Cluster.Runtime.Leases;

/// <summary>
/// How the singleton child reads its fencing token: LeaseProvider caches one lease per (name, config path, owner),
/// so asking it with the names ClusterSingletonManager uses returns the very instance the manager acquired.
/// </summary>
public static class SingletonLease
{
    /// <summary>The lease of the ClusterSingletonManager at <paramref name="managerPath"/> (the singleton's parent).</summary>
    public static SqlLease Of(ActorSystem system, ActorPath managerPath, string configPath = SqlLeaseConfig.ConfigPath)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(managerPath);

        // The same names as ClusterSingletonManager's constructor: "{system}-singleton-{path}", owner host:port.
        var leaseName = $"{system.Name}-singleton-{managerPath}";
        var owner = Akka.Cluster.Cluster.Get(system).SelfAddress.HostPort();
        return LeaseProvider.Get(system).GetLease(leaseName, configPath, owner) as SqlLease
            ?? throw new InvalidOperationException($"The lease at '{configPath}' is not a {nameof(SqlLease)}.");
    }
}
