using Cluster.Shell.Commands;

namespace Cluster.Shell.Parsing;

/// <summary>Turns "palette command args --options" into a command and its arguments, or a <see cref="UsageException"/> naming what is wrong.</summary>
public static class CommandParser
{
    /// <summary>The command and its parsed arguments; a null command means "--help" was asked of it (print its usage).</summary>
    public static (CommandSpec Command, ParsedArgs? Args) Parse(CommandCatalog catalog, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0)
        {
            throw new UsageException("missing palette", $"palettes: {string.Join(", ", catalog.Palettes)}");
        }

        var palette = tokens[0];
        if (!catalog.HasPalette(palette))
        {
            throw new UsageException($"unknown palette '{palette}'", $"palettes: {string.Join(", ", catalog.Palettes)}");
        }

        var commandsHint = $"{palette} commands: {string.Join(", ", catalog.InPalette(palette).Select(c => c.Name))}";
        if (tokens.Count == 1)
        {
            throw new UsageException($"{palette}: missing command", commandsHint);
        }

        var command = catalog.Find(palette, tokens[1]) ?? throw new UsageException($"{palette}: unknown command '{tokens[1]}'", commandsHint);
        var rest = tokens.Skip(2).ToList();
        return rest.Any(t => t is "--help" or "-h") ? (command, null) : (command, Bind(command, rest));
    }

    private static ParsedArgs Bind(CommandSpec command, List<string> tokens)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            // "--" alone, or a negative number, is a value rather than an option.
            if (!tokens[i].StartsWith("--", StringComparison.Ordinal) || tokens[i] == "--")
            {
                positional.Add(tokens[i]);
                continue;
            }

            var (name, inline) = ShellSettings.SplitOption(tokens[i]);
            var spec = command.Options.FirstOrDefault(o => o.Name == name)
                ?? throw Usage(command, $"unknown option {name}{Known(command)}");
            string value;
            if (spec.IsFlag)
            {
                value = inline is null ? "true" : throw Usage(command, $"{name} is a flag and takes no value");
            }
            else if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = tokens[++i];
            }
            else
            {
                throw Usage(command, $"{name} needs a value ({spec.ValueName})");
            }

            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }
            else if (!spec.Repeatable)
            {
                throw Usage(command, $"{name} may be given only once");
            }

            values.Add(value);
        }

        return new ParsedArgs(command.FullName, command.UsageLine, BindPositional(command, positional), Required(command, options));
    }

    private static Dictionary<string, string> BindPositional(CommandSpec command, List<string> positional)
    {
        if (positional.Count < command.Arguments.Count)
        {
            throw Usage(command, $"missing argument <{command.Arguments[positional.Count].Name}>");
        }

        if (positional.Count > command.Arguments.Count)
        {
            throw Usage(command, $"unexpected argument '{positional[command.Arguments.Count]}'");
        }

        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < positional.Count; i++)
        {
            bound[command.Arguments[i].Name] = string.IsNullOrWhiteSpace(positional[i])
                ? throw Usage(command, $"<{command.Arguments[i].Name}> must not be empty")
                : positional[i];
        }

        return bound;
    }

    private static Dictionary<string, List<string>> Required(CommandSpec command, Dictionary<string, List<string>> options) =>
        command.Options.FirstOrDefault(o => o.Required && !options.ContainsKey(o.Name)) is { } missing
            ? throw Usage(command, $"missing option {missing.Name} {missing.ValueName}")
            : options;

    private static string Known(CommandSpec command) =>
        command.Options.Count == 0 ? " (this command has no options)" : $" (options: {string.Join(", ", command.Options.Select(o => o.Name))})";

    private static UsageException Usage(CommandSpec command, string reason) => new($"{command.FullName}: {reason}", command.UsageLine);
}
