namespace Cluster.Shell.Parsing;

/// <summary>The global options: where the controller is, how to print, where the token is.</summary>
public sealed record ShellSettings(string Host = "127.0.0.1", int Port = 9110, OutputFormat Output = OutputFormat.Table, string? TokenFile = null)
{
    public const string GlobalUsage = "[HOST:PORT] [--host HOST[:PORT]] [--port PORT] [--output table|json] [--token-file PATH]";

    /// <summary>http unless --host was given as an https:// URL.</summary>
    public string Scheme { get; init; } = "http";

    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public Uri BaseAddress => new($"{Scheme}://{Endpoint}/");

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
                throw new UsageException($"{name} needs a value");
            }

            settings = settings.With(name, value);
        }

        // pbm style: "cluster-shell 10.0.0.5:9110 [command]". Palettes never contain ':' or '.', so this cannot swallow one.
        if (i < tokens.Count && AdminAddress.LooksLikeAddress(tokens[i]))
        {
            settings = settings.WithAddress(AdminAddress.Parse($"address '{tokens[i]}':", tokens[i]));
            i++;
        }

        return (settings, tokens.Skip(i).ToList());
    }

    internal static (string Name, string? Value) SplitOption(string token)
    {
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (token, null) : (token[..eq], token[(eq + 1)..]);
    }

    // Global option errors are one line: the option, the reason, the value.
    private ShellSettings With(string name, string value) => name switch
    {
        "--host" => WithAddress(AdminAddress.Parse("--host", value)),
        "--port" => this with { Port = AdminAddress.ParsePort("--port", value) },
        "--output" => value.ToLowerInvariant() switch
        {
            "table" => this with { Output = OutputFormat.Table },
            "json" => this with { Output = OutputFormat.Json },
            _ => throw new UsageException($"--output must be table or json, got '{value}'"),
        },
        _ => string.IsNullOrWhiteSpace(value) ? throw new UsageException("--token-file must not be empty") : this with { TokenFile = value },
    };

    private ShellSettings WithAddress(AdminAddress address) => this with { Scheme = address.Scheme, Host = address.Host, Port = address.Port ?? Port };
}
