using Cluster.Simulation.Invariants;
using static Cluster.Simulation.Tests.Invariants.InvariantFixture;

namespace Cluster.Simulation.Tests.Invariants;

public sealed class InvariantChecksTests
{
    private sealed class AlwaysBroken(InvariantScope scope) : IInvariant
    {
        public string Name => "always-broken";

        public InvariantScope Scope => scope;

        public string? Check(InvariantContext context) => "on purpose";
    }

    [Fact]
    public void Checking_every_invariant_after_a_step_of_a_healthy_cluster_allocates_nothing()
    {
        var (cluster, _) = ClusterWithRunningVm();
        var checks = new InvariantChecks(ClusterInvariants.Create(), new InvariantContext(cluster, []));
        checks.AfterStep(cluster.Now);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            checks.AfterStep(cluster.Now);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Empty(checks.Violations);
    }

    [Fact]
    public void A_violation_says_which_invariant_broke_and_when()
    {
        var (cluster, _) = ClusterWithRunningVm();
        var checks = new InvariantChecks([new AlwaysBroken(InvariantScope.EveryStep)], new InvariantContext(cluster, []));

        checks.AfterStep(TimeSpan.FromSeconds(75));
        checks.AtEnd(TimeSpan.FromMinutes(2));

        Assert.Equal(
            ["at 00:01:15.000 always-broken: on purpose", "at the end (00:02:00.000) always-broken: on purpose"],
            checks.Violations.Select(v => v.ToString()));
    }

    [Fact]
    public void Settled_invariants_are_checked_only_where_the_cluster_is_expected_to_have_settled()
    {
        var (cluster, _) = ClusterWithRunningVm();
        var checks = new InvariantChecks([new AlwaysBroken(InvariantScope.WhenSettled)], new InvariantContext(cluster, []));

        checks.AfterStep(TimeSpan.FromSeconds(1));
        checks.AtEnd(TimeSpan.FromSeconds(2));
        Assert.Empty(checks.Violations);

        checks.WhenSettled(TimeSpan.FromSeconds(3));
        Assert.Equal("settled at 00:00:03.000", Assert.Single(checks.Violations).When);
    }

    [Fact]
    public void Every_invariant_has_its_own_name()
    {
        var names = ClusterInvariants.Create().Select(i => i.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
