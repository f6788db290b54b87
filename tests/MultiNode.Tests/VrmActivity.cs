namespace Cluster.MultiNode.Tests;

/// <summary>
/// Samples, every 50 ms until disposed, on which controllers the VRM singleton runs, and remembers the most seen at
/// once; a controller whose system has ended counts as not running it.
/// </summary>
public sealed class VrmActivity : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly List<string> _overlaps = [];

    public VrmActivity(IReadOnlyList<InProcessController> controllers)
    {
        _sampling = SampleAsync(controllers);
    }

    public int Samples { get; private set; }

    /// <summary>Moments at which more than one controller ran the VRM (empty when the singleton held).</summary>
    public IReadOnlyList<string> Overlaps => _overlaps;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(IReadOnlyList<InProcessController> controllers)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var running = new List<string>();
                foreach (var controller in controllers)
                {
                    if (!controller.System.WhenTerminated.IsCompleted && await RunsAsync(controller))
                    {
                        running.Add(controller.Name);
                    }
                }

                Samples++;
                if (running.Count > 1)
                {
                    _overlaps.Add($"sample {Samples}: {string.Join(", ", running)}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private static async Task<bool> RunsAsync(InProcessController controller)
    {
        try
        {
            return await controller.RunsVrmAsync();
        }
        catch (Exception ex) when (ex is Akka.Actor.AskTimeoutException or TaskCanceledException)
        {
            return false;
        }
    }
}
