namespace Cluster.Shell.Parsing;

/// <summary>A named option of a command. Without a <see cref="ValueName"/> it is a flag (present or not).</summary>
public sealed record OptionSpec(string Name, string Help, string? ValueName = null, bool Required = false, bool Repeatable = false)
{
    public bool IsFlag => ValueName is null;

    public string Usage
    {
        get
        {
            var text = IsFlag ? Name : $"{Name} {ValueName}";
            return Required ? text : $"[{text}]";
        }
    }
}

/// <summary>A positional argument of a command (always required).</summary>
public sealed record ArgumentSpec(string Name, string Help)
{
    public string Usage => $"<{Name}>";
}
