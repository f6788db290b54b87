using System.Text.Json;
using Cluster.Messages;
using Cluster.Shell.Output;
using Spectre.Console;

namespace Cluster.Shell.Tests;

// cluster watch in an 80x24 terminal: the audit saw 1.5 hosts, the 42-character agent address wrapping to seven lines.
public sealed class WatchLayoutTests
{
    private const string Address = "akka.ssl.tcp://cluster@127.0.0.1:912{0}/user/cna";

    [Fact]
    public void The_watch_host_table_gives_each_of_four_hosts_one_line_in_80_columns()
    {
        var hosts = Enumerable.Range(1, 4).Select(Host).ToList();

        var lines = Render(Views.HostsCompactTable(hosts), width: 80);

        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.Equal(4 + 4, lines.Count);
        for (var i = 1; i <= 4; i++)
        {
            var row = Assert.Single(lines, l => l.Contains($"h-{i} ", StringComparison.Ordinal));
            Assert.Contains("Normal", row, StringComparison.Ordinal);
            Assert.Contains("258048", row, StringComparison.Ordinal);
        }
    }

    private static HostView Host(int i) => JsonSerializer.Deserialize(
        $$$"""{"hostId":"h-{{{i}}}","address":"{{{string.Format(System.Globalization.CultureInfo.InvariantCulture, Address, i)}}}","state":"Normal","capacity":{"cpuMhz":98800,"memoryMb":258048},"allocated":{"cpuMhz":0,"memoryMb":12288},"vmCount":3,"used":{"cpuMhz":15040,"memoryMb":12288}}""",
        ClusterMessagesJsonContext.Default.HostView)!;

    private static List<string> Render(Spectre.Console.Rendering.IRenderable renderable, int width)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = width;
        console.Write(renderable);
        return [.. writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n')];
    }
}
