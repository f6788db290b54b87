using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Hosting.Coordination;

namespace Cluster.Runtime.Leases;

/// <summary>
/// The lease for Akka.Cluster.Hosting's singleton and split-brain-resolver options. Those options only write
/// <see cref="ConfigPath"/> into their settings; <see cref="Apply"/> adds the block the path points at, and must be
/// called on the same builder (issue 7: without the block the lease provider fails at start).
/// </summary>
public sealed class SqlLeaseOption(Config leaseBlock) : LeaseOptionBase
{
    public override string ConfigPath => SqlLeaseConfig.ConfigPath;

    public override Type Class => typeof(SqlLease);

    public override void Apply(AkkaConfigurationBuilder builder, Setup? setup = null) => builder.AddSqlLease(leaseBlock);
}
