using System.Text;

namespace Cluster.Shell.Interactive;

/// <summary>
/// Reads a line key by key so that up/down walk the history; left/right, Home/End, Backspace, Delete and
/// Escape edit. When stdin is not a terminal it falls back to Console.ReadLine (pipes, scripts).
/// </summary>
public sealed class ConsoleLineReader : ILineReader
{
    public string? ReadLine(string prompt, LineHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        Console.Write(prompt);
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine();
        }

        var line = new StringBuilder();
        var cursor = 0;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return line.ToString();
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    Console.WriteLine();
                    return null;
                case ConsoleKey.UpArrow:
                    cursor = Replace(prompt, line, history.Previous() ?? line.ToString());
                    break;
                case ConsoleKey.DownArrow:
                    cursor = Replace(prompt, line, history.Next());
                    break;
                case ConsoleKey.Escape:
                    cursor = Replace(prompt, line, string.Empty);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    Console.Write('\b');
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    Console.Write(line[cursor]);
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = Redraw(prompt, line, 0);
                    break;
                case ConsoleKey.End:
                    cursor = Redraw(prompt, line, line.Length);
                    break;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(cursor - 1, 1);
                    cursor = Redraw(prompt, line, cursor - 1, erase: 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    cursor = Redraw(prompt, line, cursor, erase: 1);
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Insert(cursor, key.KeyChar);
                        cursor = Redraw(prompt, line, cursor + 1);
                    }

                    break;
            }
        }
    }

    private static int Replace(string prompt, StringBuilder line, string text)
    {
        var erase = Math.Max(0, line.Length - text.Length);
        line.Clear().Append(text);
        return Redraw(prompt, line, line.Length, erase);
    }

    /// <summary>Rewrites the whole line with carriage return and backspaces only: no cursor positioning API, which fails on some terminals.</summary>
    private static int Redraw(string prompt, StringBuilder line, int cursor, int erase = 0)
    {
        Console.Write('\r' + prompt + line + new string(' ', erase) + new string('\b', erase + line.Length - cursor));
        return cursor;
    }
}
