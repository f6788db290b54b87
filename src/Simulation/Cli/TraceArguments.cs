using System.Globalization;
using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Cli;

/// <summary>The parsed <c>trace</c> command line; <see cref="Parse"/> reports the first bad argument in one line.</summary>
public sealed record TraceArguments(
    string File,
    string PolicyName,
    int Hosts,
    double? Hours,
    bool Json,
    bool EnforceRam)
{
    public static TraceArguments? Parse(IReadOnlyList<string> args, out string error)
    {
        error = "";
        string? file = null;
        var policy = "lr-mmt-1.2";
        var hosts = DataCenterSpec.PlanetLab.HostCount;
        double? hours = null;
        var json = false;
        var enforceRam = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : "";
            switch (arg)
            {
                case "--policy":
                    policy = Value();
                    if (PolicyCatalog.Create(policy) is null)
                    {
                        error = $"--policy: unknown policy '{policy}'; valid: {PolicyCatalog.ValidNames}";
                        return null;
                    }

                    break;
                case "--hosts":
                    var hostsText = Value();
                    if (!int.TryParse(hostsText, NumberStyles.None, CultureInfo.InvariantCulture, out hosts) || hosts < 1)
                    {
                        error = $"--hosts: expected a positive integer, got '{hostsText}'";
                        return null;
                    }

                    break;
                case "--hours":
                    var hoursText = Value();
                    if (!double.TryParse(hoursText, NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
                        || h <= 0 || h > 24)
                    {
                        error = $"--hours: expected a number of hours in (0, 24], got '{hoursText}'";
                        return null;
                    }

                    hours = h;
                    break;
                case "--output":
                    var output = Value();
                    if (output is not ("json" or "table"))
                    {
                        error = $"--output: expected 'table' or 'json', got '{output}'";
                        return null;
                    }

                    json = output == "json";
                    break;
                case "--ram-limit":
                    enforceRam = true;
                    break;
                default:
                    if (arg.StartsWith('-') || file is not null)
                    {
                        error = $"{arg}: unknown argument";
                        return null;
                    }

                    file = arg;
                    break;
            }
        }

        if (file is null)
        {
            error = "FILE: missing the PlanetLab trace file";
            return null;
        }

        return new TraceArguments(file, policy, hosts, hours, json, enforceRam);
    }
}
