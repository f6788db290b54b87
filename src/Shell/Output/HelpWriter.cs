using Cluster.Shell.Commands;
using Cluster.Shell.Parsing;

namespace Cluster.Shell.Output;

/// <summary>Writes help from the command catalog, so help can never disagree with what the parser accepts.</summary>
public static class HelpWriter
{
    public static void Overview(ShellOutput output, CommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(catalog);
        output.WriteRaw($"usage: cluster-shell {ShellSettings.GlobalUsage} <palette> <command> [args]");
        output.WriteRaw("       cluster-shell [global options]          (interactive)");
        output.WriteRaw(string.Empty);
        foreach (var palette in catalog.Palettes)
        {
            output.WriteRaw($"{palette}: {CommandCatalog.PaletteSummaries.GetValueOrDefault(palette, string.Empty)}");
            Commands(output, catalog.InPalette(palette));
            output.WriteRaw(string.Empty);
        }

        output.WriteRaw("interactive only: help [palette], history, exit, quit; Tab completes, Ctrl+C clears the line, Ctrl+D leaves");
        output.WriteRaw("token: CLUSTER_ADMIN_TOKEN, or --token-file PATH. exit codes: 0 ok, 1 refused by the server, 2 usage, 3 cannot connect");
    }

    /// <summary>One palette's commands with their full usage; false when there is no such palette.</summary>
    public static bool Palette(ShellOutput output, CommandCatalog catalog, string palette)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(catalog);
        if (!catalog.HasPalette(palette))
        {
            return false;
        }

        output.WriteRaw($"{palette}: {CommandCatalog.PaletteSummaries.GetValueOrDefault(palette, string.Empty)}");
        foreach (var command in catalog.InPalette(palette))
        {
            output.WriteRaw(string.Empty);
            Command(output, command);
        }

        return true;
    }

    public static void Command(ShellOutput output, CommandSpec command)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(command);
        output.WriteRaw($"  {command.Usage}");
        output.WriteRaw($"      {command.Summary}");
        foreach (var argument in command.Arguments)
        {
            output.WriteRaw($"      <{argument.Name}>  {argument.Help}");
        }

        foreach (var option in command.Options)
        {
            output.WriteRaw($"      {(option.IsFlag ? option.Name : $"{option.Name} {option.ValueName}")}  {option.Help}");
        }
    }

    private static void Commands(ShellOutput output, IReadOnlyList<CommandSpec> commands)
    {
        var width = commands.Max(c => c.Name.Length);
        foreach (var command in commands)
        {
            output.WriteRaw($"  {command.Name.PadRight(width)}  {command.Summary}");
        }
    }
}
