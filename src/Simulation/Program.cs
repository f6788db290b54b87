using Cluster.Simulation.Cli;

namespace Cluster.Simulation;

/// <summary>Command-line entry: <c>trace FILE [options]</c> replays a PlanetLab day (see docs/trace-evaluation.md).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--help" or "-h"])
        {
            Console.Out.WriteLine(TraceCommand.Help);
            return 0;
        }

        if (args.Length == 0 || args[0] != "trace")
        {
            Console.Error.WriteLine(TraceCommand.Usage);
            return 2;
        }

        return TraceCommand.Run(args.AsSpan(1).ToArray(), Console.Out, Console.Error);
    }
}
