using Cluster.Shell.Parsing;

namespace Cluster.Integration.Tests.DocExamples;

/// <summary>
/// A documented command line taken apart: <c>[printf 'LINES' |] cluster-shell ARGS</c>, with
/// single and double quotes as a POSIX shell reads them and <c>\n</c> in printf's text.
/// </summary>
public sealed record DocCommand(string? Input, IReadOnlyList<string> Args)
{
    private const string Program = "cluster-shell";

    public static DocCommand Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string? input = null;
        // The shell's own tokenizer: the docs quote as the interactive shell does.
        var words = Tokenizer.Split(line).ToList();
        var pipe = words.IndexOf("|");
        if (pipe >= 0)
        {
            input = pipe == 2 && words[0] == "printf"
                ? words[1].Replace("\\n", "\n", StringComparison.Ordinal)
                : throw new FormatException($"only \"printf '...' | {Program} ...\" may feed input, got: {line}");
            words = words[(pipe + 1)..];
        }

        return words.Count > 0 && words[0] == Program
            ? new DocCommand(input, words[1..])
            : throw new FormatException($"a documented command runs {Program}, got: {line}");
    }
}
