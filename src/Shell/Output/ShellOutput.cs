using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Shell.Http;
using Cluster.Shell.Parsing;
using Spectre.Console;

namespace Cluster.Shell.Output;

/// <summary>
/// Prints answers: tables on the console, or the server's JSON untouched; refusals and problems go to
/// the error writer with the problem details' fields, so stdout stays clean for scripts.
/// </summary>
public sealed class ShellOutput(IAnsiConsole console, TextWriter error, OutputFormat format)
{
    public IAnsiConsole Console { get; } = console;

    public TextWriter Error { get; } = error;

    public OutputFormat Format { get; } = format;

    public ShellOutput WithFormat(OutputFormat other) => other == Format ? this : new ShellOutput(Console, Error, other);

    /// <summary>Prints a successful answer as JSON or through <paramref name="render"/>; anything else as a refusal.</summary>
    public int Show<T>(ApiResponse response, JsonTypeInfo<T> typeInfo, Action<IAnsiConsole, T> render)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(render);
        if (!response.IsSuccess)
        {
            return Refusal(response);
        }

        if (Format == OutputFormat.Json)
        {
            WriteRaw(response.Body);
            return ExitCodes.Ok;
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(response.Body, typeInfo);
        }
        catch (JsonException ex)
        {
            Error.WriteLine($"error: the server's answer is not the expected {typeof(T).Name}: {ex.Message}");
            return ExitCodes.Refused;
        }

        if (value is null)
        {
            Error.WriteLine($"error: the server answered null instead of a {typeof(T).Name}");
            return ExitCodes.Refused;
        }

        render(Console, value);
        return ExitCodes.Ok;
    }

    /// <summary>Prints a 4xx/5xx answer: status, message and each field error. Exit code 1.</summary>
    public int Refusal(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = $"{(int)response.Status} {response.Status}";
        if (ErrorBody.TryRead(response.Body) is { } error)
        {
            Error.WriteLine($"error: {status}: {error.Message}");
            // A one-field answer's detail often is that field error, with or without the field's name; print it once.
            foreach (var field in error.Errors.Where(f => f.Reason != error.Message && $"{f.Field}: {f.Reason}" != error.Message))
            {
                Error.WriteLine($"  {field.Field}: {field.Reason}");
            }
        }
        else
        {
            Error.WriteLine(string.IsNullOrWhiteSpace(response.Body) ? $"error: {status}" : $"error: {status}: {response.Body.Trim()}");
        }

        if (response.Status == HttpStatusCode.Unauthorized)
        {
            Error.WriteLine("  hint: set CLUSTER_ADMIN_TOKEN or pass --token-file PATH");
        }

        return ExitCodes.Refused;
    }

    /// <summary>Writes text as is: Spectre's WriteLine would wrap long JSON lines at the console width.</summary>
    public void WriteRaw(string text) => Console.Profile.Out.Writer.WriteLine(text);
}
