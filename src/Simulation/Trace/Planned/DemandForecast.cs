namespace Cluster.Simulation.Trace;

/// <summary>
/// What the planner-driven policy expects a VM to ask for over the next round: the mean of its recent
/// samples plus a multiple of their standard deviation, never below the latest sample. PlanetLab VMs
/// are bursty, so planning on the last sample alone would fill hosts that the next burst overloads.
/// </summary>
public sealed record DemandForecast(int Window, double Deviations)
{
    /// <summary>The forecast utilisation (a fraction of the VM's MIPS, at most 1) from a history, most recent first.</summary>
    public double Utilisation(ReadOnlySpan<double> history)
    {
        if (history.IsEmpty)
        {
            return 1;
        }

        var count = Math.Min(Window, history.Length);
        double sum = 0, squares = 0;
        for (var i = 0; i < count; i++)
        {
            sum += history[i];
            squares += history[i] * history[i];
        }

        var mean = sum / count;
        var deviation = Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
        return Math.Min(1, Math.Max(history[0], mean + (Deviations * deviation)));
    }
}
