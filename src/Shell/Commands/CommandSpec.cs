using Cluster.Shell.Parsing;

namespace Cluster.Shell.Commands;

/// <summary>One command of a palette: its arguments, options, a one-line summary, an example, and what it does.</summary>
public sealed record CommandSpec(
    string Palette,
    string Name,
    string Summary,
    IReadOnlyList<ArgumentSpec> Arguments,
    IReadOnlyList<OptionSpec> Options,
    Func<CommandContext, ParsedArgs, Task<int>> Run)
{
    public string FullName => $"{Palette} {Name}";

    public string UsageLine => $"usage: {Usage}";

    public string Usage => string.Join(' ', new[] { FullName }
        .Concat(Arguments.Select(a => a.Usage))
        .Concat(Options.Select(o => o.Usage)));
}
