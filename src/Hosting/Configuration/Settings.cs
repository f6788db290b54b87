using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Cluster.Hosting.Configuration;

/// <summary>
/// A process's settings, layered: appsettings.json's "Cluster" section, then environment variables
/// (CLUSTER_*), then the command line; a later layer replaces an earlier one's value. Typed readers throw
/// <see cref="ConfigException"/> naming the setting (and where its value came from) and the reason.
/// </summary>
public sealed class Settings
{
    public const string JsonSection = "Cluster";

    private readonly Dictionary<string, SettingSpec> _specs;
    private readonly Dictionary<string, (IReadOnlyList<string> Values, string Source)> _values = new(StringComparer.Ordinal);

    private Settings(IReadOnlyList<SettingSpec> specs) => _specs = specs.ToDictionary(s => s.Key, StringComparer.Ordinal);

    /// <summary>True when the command line asked for --help (or -h); the caller prints <see cref="Help"/> and exits 0.</summary>
    public bool HelpRequested { get; private set; }

    /// <param name="specs">Every setting the process knows; anything else is an error.</param>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads one environment variable (tests pass a dictionary).</param>
    /// <param name="jsonPath">appsettings.json; a missing file is no error.</param>
    public static Settings Load(IReadOnlyList<SettingSpec> specs, IReadOnlyList<string> args, Func<string, string?> environment, string? jsonPath)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new Settings(specs);
        if (jsonPath is not null && File.Exists(jsonPath))
        {
            settings.ReadJson(jsonPath);
        }

        foreach (var spec in specs)
        {
            if (environment(spec.EnvironmentVariable) is { Length: > 0 } value)
            {
                settings.Set(spec, spec.Repeatable ? SplitList(value) : [value], spec.EnvironmentVariable);
            }
        }

        settings.ReadArgs(args);
        return settings;
    }

    /// <summary>The help text: one line per setting with its environment variable.</summary>
    public static string Help(string usage, IReadOnlyList<SettingSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var lines = specs.Select(s => (Left: s.IsFlag ? s.Option : $"{s.Option} {s.ValueName}", s.Help, Env: s.EnvironmentVariable)).ToList();
        var width = lines.Max(l => l.Left.Length) + 2;
        return usage + Environment.NewLine + string.Join(Environment.NewLine, lines.Select(l => $"  {l.Left.PadRight(width)}{l.Help} [{l.Env}]"));
    }

    public bool Has(string name) => _values.ContainsKey(Spec(name).Key);

    public string? String(string name) => _values.TryGetValue(Spec(name).Key, out var v) ? v.Values[^1] : null;

    public IReadOnlyList<string> List(string name) => _values.TryGetValue(Spec(name).Key, out var v) ? v.Values : [];

    public string Required(string name, string reason) => String(name) is { Length: > 0 } value ? value : throw new ConfigException(Spec(name).Option, reason);

    public bool Flag(string name)
    {
        if (String(name) is not { } text)
        {
            return false;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw Bad(name, $"must be true or false, got '{text}'"),
        };
    }

    public int Int(string name, int fallback, int min, int max = int.MaxValue)
    {
        if (String(name) is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Bad(name, max == int.MaxValue ? $"must be an integer of at least {min}, got '{text}'" : $"must be an integer from {min} to {max}, got '{text}'");
        }

        return value;
    }

    public long Long(string name, long fallback, long min)
    {
        if (String(name) is not { } text)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw Bad(name, $"must be an integer of at least {min}, got '{text}'");
    }

    /// <summary>A positive duration: "200ms", "3s", "2m", "1h" or a TimeSpan ("00:00:03").</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (String(name) is not { } text)
        {
            return fallback;
        }

        return TryParseDuration(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw Bad(name, $"must be a positive duration like 500ms, 3s or 1m, got '{text}'");
    }

    /// <summary>host:port (IPv6 as [::1]:port). Port 0 picks a free one.</summary>
    public (string Host, int Port) Endpoint(string name, string fallback)
    {
        var text = String(name) ?? fallback;
        return TryParseEndpoint(text, out var endpoint) ? endpoint : throw Bad(name, $"must be host:port, got '{text}'");
    }

    public IReadOnlyList<(string Host, int Port)> Endpoints(string name) =>
        [.. List(name).Select(text => TryParseEndpoint(text, out var endpoint) ? endpoint : throw Bad(name, $"must be host:port, got '{text}'"))];

    /// <summary>A <see cref="ConfigException"/> for this setting, naming where its value came from.</summary>
    public ConfigException Bad(string name, string reason)
    {
        var spec = Spec(name);
        var source = _values.TryGetValue(spec.Key, out var v) && v.Source != spec.Option ? $" (from {v.Source})" : string.Empty;
        return new ConfigException(spec.Option + source, reason);
    }

    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        (string Suffix, double Scale)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                value = TimeSpan.FromMilliseconds(amount * scale);
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseEndpoint(string text, out (string Host, int Port) endpoint)
    {
        endpoint = default;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = text![..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        endpoint = (host, port);
        return host.Length > 0;
    }

    private static string[] SplitList(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private SettingSpec Spec(string name) =>
        _specs.TryGetValue(SettingSpec.Normalize(name), out var spec) ? spec : throw new ArgumentException($"no setting named {name}", nameof(name));

    private void Set(SettingSpec spec, IReadOnlyList<string> values, string source) => _values[spec.Key] = (values, source);

    private void ReadJson(string path)
    {
        IConfigurationSection section;
        try
        {
            section = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: true, reloadOnChange: false).Build().GetSection(JsonSection);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException)
        {
            throw new ConfigException(path, $"is not readable JSON: {ex.GetBaseException().Message}");
        }

        foreach (var child in section.GetChildren())
        {
            var source = $"{path} {JsonSection}:{child.Key}";
            if (!_specs.TryGetValue(SettingSpec.Normalize(child.Key), out var spec))
            {
                throw new ConfigException(source, "is not a known setting");
            }

            IReadOnlyList<string> values = child.Value is { } single
                ? (spec.Repeatable ? SplitList(single) : [single])
                : [.. child.GetChildren().Select(c => c.Value ?? string.Empty)];
            if (values.Count > 1 && !spec.Repeatable)
            {
                throw new ConfigException(source, "takes one value, not a list");
            }

            Set(spec, values, source);
        }
    }

    private void ReadArgs(IReadOnlyList<string> args)
    {
        var fromArgs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                HelpRequested = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new ConfigException(arg, "unexpected argument; settings are --name value (see --help)");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            if (!_specs.TryGetValue(SettingSpec.Normalize(name), out var spec) || spec.Name != name)
            {
                throw new ConfigException("--" + name, "is not a known option (see --help)");
            }

            string value;
            if (eq >= 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (spec.IsFlag)
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new ConfigException(spec.Option, $"needs a value ({spec.ValueName})");
            }

            if (fromArgs.TryGetValue(spec.Key, out var list))
            {
                if (!spec.Repeatable)
                {
                    throw new ConfigException(spec.Option, "was given more than once");
                }

                list.Add(value);
            }
            else
            {
                fromArgs[spec.Key] = [value];
            }
        }

        foreach (var (key, values) in fromArgs)
        {
            Set(_specs[key], values, _specs[key].Option);
        }
    }
}
