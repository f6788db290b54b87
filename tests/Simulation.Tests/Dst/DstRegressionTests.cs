using Cluster.Simulation.Dst;

namespace Cluster.Simulation.Tests.Dst;

/// <summary>Seeds beyond the regular 500 that once broke an invariant; each names what it caught.</summary>
public sealed class DstRegressionTests
{
    [Theory]
    [InlineData(2675)] // a VM stopped while its start was lost stayed in Stopping: an older stopped definition hid it
    public void A_seed_that_once_failed_passes(int seed)
    {
        var result = DstRunner.Run(seed);

        Assert.True(result.Passed, result.Report);
    }
}
