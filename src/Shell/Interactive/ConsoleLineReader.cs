using System.Text;

namespace Cluster.Shell.Interactive;

/// <summary>
/// Reads a line key by key, as bash does: up/down walk the history; left/right, Home/End (Ctrl+A/E),
/// Backspace, Delete and Escape edit; Tab completes; Ctrl+C abandons the line and prompts again; Ctrl+D
/// on an empty line ends the session. When stdin is not a terminal it reads plainly and shows no prompt.
/// </summary>
public sealed class ConsoleLineReader : ILineReader
{
    public bool IsTerminal => !Console.IsInputRedirected;

    public string? ReadLine(string prompt, LineHistory history, Completer completer)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(completer);
        if (!IsTerminal)
        {
            return Console.ReadLine();
        }

        // Ctrl+C arrives as a key while a line is edited (bash clears the line); while a command runs it is a
        // signal again, which stops that command (Program's CancelKeyPress).
        Console.TreatControlCAsInput = true;
        try
        {
            Console.Write(prompt);
            return Edit(prompt, history, completer);
        }
        finally
        {
            Console.TreatControlCAsInput = false;
        }
    }

    private static string? Edit(string prompt, LineHistory history, Completer completer)
    {
        var line = new StringBuilder();
        var cursor = 0;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return line.ToString();
                case ConsoleKey.C when control:
                    Console.WriteLine("^C");
                    line.Clear();
                    history.Reset();
                    Console.Write(prompt);
                    cursor = 0;
                    break;
                case ConsoleKey.D when control && line.Length == 0:
                    Console.WriteLine();
                    return null;
                case ConsoleKey.A when control:
                    cursor = Redraw(prompt, line, 0);
                    break;
                case ConsoleKey.E when control:
                    cursor = Redraw(prompt, line, line.Length);
                    break;
                case ConsoleKey.Tab:
                    cursor = Complete(prompt, line, cursor, completer);
                    break;
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

    /// <summary>One candidate: put it in with a space after. Several: extend to their common prefix, or list them under the line.</summary>
    private static int Complete(string prompt, StringBuilder line, int cursor, Completer completer)
    {
        var left = line.ToString(0, cursor);
        var completion = completer.Complete(left);
        var word = left[completion.Start..];
        string insert;
        if (completion.Candidates.Count == 1)
        {
            insert = completion.Candidates[0][word.Length..] + " ";
        }
        else
        {
            insert = completion.CommonPrefix() is { } common && common.Length > word.Length ? common[word.Length..] : string.Empty;
            if (insert.Length == 0 && completion.Candidates.Count > 1)
            {
                Console.WriteLine();
                Console.WriteLine(string.Join("  ", completion.Candidates));
                Console.Write(prompt + line);
                return Redraw(prompt, line, cursor);
            }
        }

        line.Insert(cursor, insert);
        return Redraw(prompt, line, cursor + insert.Length);
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
