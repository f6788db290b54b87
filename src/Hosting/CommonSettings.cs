using Cluster.Hosting.Configuration;

namespace Cluster.Hosting;

/// <summary>Setting helpers both processes share.</summary>
public static class CommonSettings
{
    /// <summary>A secret file's content, whitespace trimmed; unreadable or empty is a config error.</summary>
    public static string ReadSecretFile(Settings settings, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw settings.Bad(name, $"cannot read '{path}': {ex.Message}");
        }

        return text.Length > 0 ? text : throw settings.Bad(name, $"'{path}' is empty");
    }

    /// <summary>--postgres-schema (default public): spliced into SQL text, so only a plain lower-case identifier.</summary>
    public static string PostgresSchema(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var schema = settings.String("postgres-schema") ?? "public";
        return Runtime.Sql.SqlIdentifier.IsPlain(schema)
            ? schema
            : throw settings.Bad("postgres-schema", $"'{schema}' must be a plain lower-case identifier ([a-z_][a-z0-9_]*)");
    }
}
