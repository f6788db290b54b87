using System.Globalization;
using Cluster.Messages;
using Spectre.Console;

namespace Cluster.Shell.Output;

/// <summary>How alarms look as tables: one row per alarm, or one alarm in full.</summary>
public static class AlarmViews
{
    public static void Alarms(IAnsiConsole console, IReadOnlyList<AlarmView> alarms)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(alarms);
        var table = new Table().AddColumns("ALARM", "SEVERITY", "KIND", "OBJECT", "FIRST SEEN", "LAST SEEN", "COUNT", "ACK", "STATE", "TEXT");
        foreach (var a in alarms)
        {
            table.AddRow(
                Esc(a.AlarmId),
                a.Severity.ToString(),
                Esc(a.Kind),
                Esc(a.Object.ToString()),
                Time(a.FirstSeen),
                Time(a.LastSeen),
                a.Count.ToString(CultureInfo.InvariantCulture),
                Esc(a.AcknowledgedBy ?? "-"),
                a.Active ? "active" : "cleared",
                Esc(a.Text));
        }

        console.Write(table);
    }

    public static void Alarm(IAnsiConsole console, AlarmView alarm)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(alarm);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("alarm", Esc(alarm.AlarmId));
        grid.AddRow("kind", Esc(alarm.Kind));
        grid.AddRow("severity", alarm.Severity.ToString());
        grid.AddRow("object", Esc(alarm.Object.ToString()));
        grid.AddRow("text", Esc(alarm.Text));
        grid.AddRow("first seen", Time(alarm.FirstSeen));
        grid.AddRow("last seen", Time(alarm.LastSeen));
        grid.AddRow("count", alarm.Count.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("acknowledged", alarm.AcknowledgedBy is null ? "no" : $"by {Esc(alarm.AcknowledgedBy)} at {Time(alarm.AcknowledgedAt!.Value)}");
        grid.AddRow("state", alarm.Active ? "active" : $"cleared at {Time(alarm.ClearedAt!.Value)}: {Esc(alarm.ClearReason ?? "")}");
        console.Write(grid);
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Esc(string text) => Markup.Escape(text);
}
