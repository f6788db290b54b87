using System.Text;

namespace Cluster.Simulation.Scenarios;

/// <summary>A unified-style diff of two line lists (longest common subsequence; logs are short).</summary>
public static class LineDiff
{
    public static string Unified(IReadOnlyList<string> expected, IReadOnlyList<string> actual, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var edits = Edits(expected, actual);
        var text = new StringBuilder();
        text.AppendLine("--- expected.log").AppendLine("+++ produced");
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from `context` lines before this change to `context` lines after the last change near it.
            var start = Math.Max(0, i - context);
            var end = i;
            while (end < edits.Count)
            {
                var nextChange = end;
                while (nextChange < edits.Count && edits[nextChange].Kind == ' ')
                {
                    nextChange++;
                }

                if (nextChange == edits.Count || nextChange - end > 2 * context)
                {
                    break;
                }

                end = nextChange + 1;
            }

            end = Math.Min(edits.Count, end + context);
            var hunk = edits.Skip(start).Take(end - start).ToList();
            text.AppendLine($"@@ -{edits[start].Old + 1},{hunk.Count(e => e.Kind != '+')} +{edits[start].New + 1},{hunk.Count(e => e.Kind != '-')} @@");
            foreach (var edit in hunk)
            {
                text.Append(edit.Kind).AppendLine(edit.Text);
            }

            i = end;
        }

        return text.ToString();
    }

    private static List<(char Kind, string Text, int Old, int New)> Edits(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var x = a.Count - 1; x >= 0; x--)
        {
            for (var y = b.Count - 1; y >= 0; y--)
            {
                lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }

        var edits = new List<(char, string, int, int)>();
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (i < a.Count && j < b.Count && a[i] == b[j])
            {
                edits.Add((' ', a[i], i++, j++));
            }
            else if (i < a.Count && (j == b.Count || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                edits.Add(('-', a[i], i++, j));
            }
            else
            {
                edits.Add(('+', b[j], i, j++));
            }
        }

        return edits;
    }
}
