using System.Globalization;

namespace Cluster.Shell.Parsing;

/// <summary>The global options: where the controller is, how to print, where the token is.</summary>
public sealed record ShellSettings(string Host = "127.0.0.1", int Port = 9110, OutputFormat Output = OutputFormat.Table, string? TokenFile = null)
{
    public const string GlobalUsage = "[--host HOST] [--port PORT] [--output table|json] [--token-file PATH]";

    private const string UsageLine = $"usage: cluster-shell {GlobalUsage} <palette> <command> [args]";

    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>
    /// Reads global options from the front of <paramref name="tokens"/> (before the palette) on top of
    /// these settings; returns the updated settings and the remaining tokens.
    /// </summary>
    public (ShellSettings Settings, IReadOnlyList<string> Remaining) ParseGlobal(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var settings = this;
        var i = 0;
        while (i < tokens.Count && tokens[i].StartsWith("--", StringComparison.Ordinal))
        {
            var (name, inline) = SplitOption(tokens[i]);
            if (name is not ("--host" or "--port" or "--output" or "--token-file"))
            {
                break;
            }

            string value;
            if (inline is not null)
            {
                value = inline;
                i++;
            }
            else if (i + 1 < tokens.Count)
            {
                value = tokens[i + 1];
                i += 2;
            }
            else
            {
                throw new UsageException($"{name} needs a value", UsageLine);
            }

            settings = settings.With(name, value);
        }

        return (settings, tokens.Skip(i).ToList());
    }

    internal static (string Name, string? Value) SplitOption(string token)
    {
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (token, null) : (token[..eq], token[(eq + 1)..]);
    }

    private ShellSettings With(string name, string value) => name switch
    {
        "--host" => string.IsNullOrWhiteSpace(value) ? throw new UsageException("--host must not be empty", UsageLine) : this with { Host = value },
        "--port" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? this with { Port = port }
            : throw new UsageException($"--port must be a number between 1 and 65535, got '{value}'", UsageLine),
        "--output" => value.ToLowerInvariant() switch
        {
            "table" => this with { Output = OutputFormat.Table },
            "json" => this with { Output = OutputFormat.Json },
            _ => throw new UsageException($"--output must be table or json, got '{value}'", UsageLine),
        },
        _ => string.IsNullOrWhiteSpace(value) ? throw new UsageException("--token-file must not be empty", UsageLine) : this with { TokenFile = value },
    };
}
