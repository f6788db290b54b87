using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

public sealed class DemandForecastTests
{
    private static readonly DemandForecast MeanPlusOneSigma = new(Window: 4, Deviations: 1);

    [Fact]
    public void Steady_demand_is_forecast_as_it_is()
    {
        Assert.Equal(0.3, MeanPlusOneSigma.Utilisation([0.3, 0.3, 0.3, 0.3]), 12);
    }

    [Fact]
    public void Bursty_demand_is_forecast_at_its_mean_plus_the_deviations_asked_for()
    {
        // Mean 0.3, population standard deviation 0.1.
        Assert.Equal(0.4, MeanPlusOneSigma.Utilisation([0.2, 0.4, 0.2, 0.4]), 12);
    }

    [Fact]
    public void Only_the_window_counts_and_the_latest_sample_is_a_floor()
    {
        // The window sees 0.9, 0.1, 0.1, 0.1 (mean 0.3, sigma 0.346); the 0.9 beats 0.646.
        Assert.Equal(0.9, MeanPlusOneSigma.Utilisation([0.9, 0.1, 0.1, 0.1, 0.9, 0.9]), 12);
    }

    [Fact]
    public void A_forecast_never_exceeds_the_whole_vm_and_no_history_means_the_whole_vm()
    {
        Assert.Equal(1, new DemandForecast(4, 5).Utilisation([0.9, 0.1, 0.9, 0.1]));
        Assert.Equal(1, MeanPlusOneSigma.Utilisation([]));
    }
}
