namespace Cluster.Simulation.Trace;

/// <summary>
/// Each VM's CPU demand over time as CloudSim 3.0.3's in-memory PlanetLab utilisation model gives it:
/// the samples as fractions, the last one repeated once more, linear in between.
/// </summary>
public sealed class TraceDemand
{
    private readonly double[] fractions;
    private readonly int pointsPerVm;
    private readonly double interval;

    public TraceDemand(PlanetLabTrace trace)
    {
        interval = PlanetLabTrace.SampleIntervalSeconds;
        pointsPerVm = PlanetLabTrace.SamplesPerVm + 1;
        fractions = new double[trace.VmCount * pointsPerVm];
        for (var vm = 0; vm < trace.VmCount; vm++)
        {
            var row = vm * pointsPerVm;
            for (var i = 0; i < PlanetLabTrace.SamplesPerVm; i++)
            {
                fractions[row + i] = trace.Sample(vm, i) / 100.0;
            }

            fractions[row + PlanetLabTrace.SamplesPerVm] = fractions[row + PlanetLabTrace.SamplesPerVm - 1];
        }
    }

    /// <summary>Utilisation (0..1) of <paramref name="vm"/> at <paramref name="time"/> seconds.</summary>
    public double Utilization(int vm, double time)
    {
        var row = vm * pointsPerVm;
        if (time % interval == 0)
        {
            return fractions[row + ((int)time / (int)interval)];
        }

        var before = (int)Math.Floor(time / interval);
        var after = (int)Math.Ceiling(time / interval);
        var first = fractions[row + before];
        var delta = (fractions[row + after] - first) / ((after - before) * interval);
        return first + (delta * (time - (before * interval)));
    }
}
