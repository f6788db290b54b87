namespace Cluster.Integration.Tests.DocExamples;

/// <summary>
/// A Markdown page whose <c>```console</c> blocks are real runs: each <c>$ </c> line is a command, the
/// lines up to the next one (or the end of the block) are what it printed — stdout, then stderr, then
/// <c>[exit N]</c> when N is not 0. Other blocks are not examples and are left alone.
/// </summary>
public sealed class DocPage
{
    public const string Fence = "```console";
    private const string CommandPrefix = "$ ";

    private readonly List<string> _lines;

    private DocPage(List<string> lines) => _lines = lines;

    public IReadOnlyList<DocExample> Examples => [.. Blocks().SelectMany(b => b.Examples)];

    public static DocPage Parse(string markdown) => new([.. markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')]);

    /// <summary>The page with each example's output replaced by <paramref name="outputs"/> (one per example, in order).</summary>
    public string WithOutputs(IReadOnlyList<IReadOnlyList<string>> outputs)
    {
        var result = new List<string>();
        var next = 0;
        var position = 0;
        foreach (var block in Blocks())
        {
            result.AddRange(_lines.Skip(position).Take(block.FirstLine - position));
            foreach (var example in block.Examples)
            {
                result.Add(CommandPrefix + example.Command);
                result.AddRange(outputs[next++]);
            }

            position = block.EndLine;
        }

        result.AddRange(_lines.Skip(position));
        return string.Join('\n', result);
    }

    /// <summary>Each console block: the index of its first line inside the fence, the index of the closing fence, its examples.</summary>
    private IEnumerable<(int FirstLine, int EndLine, List<DocExample> Examples)> Blocks()
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            if (_lines[i].Trim() != Fence)
            {
                continue;
            }

            var first = i + 1;
            var end = first;
            while (end < _lines.Count && _lines[end].Trim() != "```")
            {
                end++;
            }

            yield return (first, end, Split(_lines.Skip(first).Take(end - first)));
            i = end;
        }
    }

    private static List<DocExample> Split(IEnumerable<string> lines)
    {
        var examples = new List<DocExample>();
        string? command = null;
        var output = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith(CommandPrefix, StringComparison.Ordinal))
            {
                if (command is not null)
                {
                    examples.Add(new DocExample(command, output));
                }

                command = line[CommandPrefix.Length..];
                output = [];
            }
            else if (command is not null)
            {
                output.Add(line);
            }
        }

        if (command is not null)
        {
            examples.Add(new DocExample(command, output));
        }

        return examples;
    }
}
