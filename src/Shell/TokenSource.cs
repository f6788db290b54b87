using Cluster.Shell.Parsing;

namespace Cluster.Shell;

/// <summary>Finds the bearer token: --token-file wins (explicit), else CLUSTER_ADMIN_TOKEN, else none.</summary>
internal static class TokenSource
{
    public static string? Resolve(ShellSettings settings, ShellEnvironment env)
    {
        if (settings.TokenFile is { } path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new UsageException($"--token-file: cannot read '{path}': {ex.Message}");
            }

            // Files usually end with a newline; a token never contains whitespace.
            return string.IsNullOrWhiteSpace(text) ? throw new UsageException($"--token-file: '{path}' is empty") : text.Trim();
        }

        return env.GetEnvironmentVariable(ShellEnvironment.TokenVariable) is { Length: > 0 } token ? token.Trim() : null;
    }
}
