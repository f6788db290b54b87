using System.Net.Sockets;
using Cluster.Hosting.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Cluster.Hosting;

/// <summary>What every cluster process does around its own work: exit codes and console logging.</summary>
public static class ProcessMain
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadConfig = 2;

    /// <summary>
    /// Loads the settings (appsettings.json, CLUSTER_* variables, <paramref name="args"/>), prints help if
    /// asked, then runs <paramref name="main"/>; bad configuration prints one line to stderr and exits 2.
    /// </summary>
    public static async Task<int> RunAsync(string processName, string usage, IReadOnlyList<SettingSpec> specs, string[] args, Func<Settings, Task<int>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        try
        {
            var settings = Settings.Load(specs, args, Environment.GetEnvironmentVariable, SettingsFile);
            if (settings.HelpRequested)
            {
                Console.WriteLine(Settings.Help(usage, specs));
                return Ok;
            }

            return await main(settings).ConfigureAwait(false);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync($"{processName}: error: {ex.Message}").ConfigureAwait(false);
            return BadConfig;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable or SocketError.AccessDenied)
        {
            await Console.Error.WriteLineAsync($"{processName}: error: --listen: cannot bind: {ex.Message}").ConfigureAwait(false);
            return BadConfig;
        }
    }

    /// <summary>One line per entry, with a timestamp; ASP.NET's per-request lines are left out unless configured.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }

    /// <summary>appsettings.json in the working directory, as the web host reads it.</summary>
    public static string SettingsFile => Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
}
