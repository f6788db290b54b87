namespace Cluster.Shell.Interactive;

/// <summary>What Tab may put in place of the word that starts at <see cref="Start"/>: none, one, or several to choose from.</summary>
public sealed record Completion(int Start, IReadOnlyList<string> Candidates)
{
    public static Completion None(int start) => new(start, []);

    /// <summary>The longest text every candidate starts with.</summary>
    public string CommonPrefix()
    {
        if (Candidates.Count == 0)
        {
            return string.Empty;
        }

        var prefix = Candidates[0];
        foreach (var candidate in Candidates.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < candidate.Length && prefix[n] == candidate[n])
            {
                n++;
            }

            prefix = prefix[..n];
        }

        return prefix;
    }
}
