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
}
