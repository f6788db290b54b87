using Cluster.Shell.Commands;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Interactive;

/// <summary>
/// Tab completion from the command catalog, so every registered command, option and enum value completes
/// without a list of its own: palettes, then commands, then the command's options, the values of an option
/// written <c>a|b|c</c>, the host ids for an option whose value is <c>HOST</c>, and for an argument named
/// <c>id</c> (or the cluster palette's <c>address</c>) the ids the controller lists for that palette; an argument named
/// <c>a|b</c> completes to its choices.
/// </summary>
public sealed class Completer(CommandCatalog catalog, Func<string, IReadOnlyList<string>> idsOfPalette)
{
    /// <summary>Words the interactive loop understands besides the palettes.</summary>
    public static IReadOnlyList<string> Builtins { get; } = ["exit", "help", "history", "quit"];

    private static readonly string[] GlobalOptions = ["--host", "--output", "--port", "--token-file"];

    /// <summary>A command option whose value is written HOST takes a host id, completed like a host command's id.</summary>
    private const string HostValue = "HOST";

    /// <summary>Completes none: for tests and readers without Tab.</summary>
    public static Completer Nothing { get; } = new(new CommandCatalog([]), _ => []);

    /// <summary>Candidates for the word that ends at the end of <paramref name="text"/> (the text left of the cursor).</summary>
    public Completion Complete(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.LastIndexOf(' ') + 1;
        var word = text[start..];
        var words = text[..start].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = SkipGlobals(words);
        var rest = words[i..];
        IEnumerable<string> candidates = rest.Length switch
        {
            0 when word.StartsWith('-') => GlobalOptions,
            0 => catalog.Palettes.Concat(Builtins),
            1 when rest[0] == "help" => catalog.Palettes,
            1 => catalog.InPalette(rest[0]).Select(c => c.Name),
            _ => catalog.Find(rest[0], rest[1]) is { } command ? ForCommand(command, rest[2..], word) : [],
        };
        return new Completion(start, [.. candidates.Where(c => c.StartsWith(word, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    private static int SkipGlobals(string[] words)
    {
        var i = 0;
        while (i < words.Length && GlobalOptions.Contains(ShellSettings.SplitOption(words[i]).Name))
        {
            i += words[i].Contains('=', StringComparison.Ordinal) ? 1 : 2;
        }

        i = Math.Min(i, words.Length);
        return i < words.Length && AdminAddress.LooksLikeAddress(words[i]) ? i + 1 : i;
    }

    private IEnumerable<string> ForCommand(CommandSpec command, string[] words, string word)
    {
        // Which option takes the word being typed as its value, and how many positional arguments came before it.
        var positional = 0;
        OptionSpec? valueOf = null;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in words)
        {
            if (valueOf is not null)
            {
                valueOf = null;
                continue;
            }

            if (w.StartsWith("--", StringComparison.Ordinal))
            {
                var (name, inline) = ShellSettings.SplitOption(w);
                used.Add(name);
                valueOf = command.Options.FirstOrDefault(o => o.Name == name && !o.IsFlag && inline is null);
                continue;
            }

            positional++;
        }

        if (valueOf is not null)
        {
            return valueOf.ValueName switch
            {
                HostValue => idsOfPalette("host"),
                { } choices when choices.Contains('|', StringComparison.Ordinal) => choices.Split('|'),
                _ => [],
            };
        }

        if (word.StartsWith('-'))
        {
            return command.Options.Where(o => o.Repeatable || !used.Contains(o.Name)).Select(o => o.Name).Append("--help");
        }

        return positional >= command.Arguments.Count ? []
            : command.Arguments[positional].Name switch
            {
                "id" or "address" => idsOfPalette(command.Palette),
                var choices when choices.Contains('|', StringComparison.Ordinal) => choices.Split('|'),
                _ => [],
            };
    }
}
