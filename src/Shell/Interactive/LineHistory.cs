namespace Cluster.Shell.Interactive;

/// <summary>
/// The lines typed so far (at most <see cref="Limit"/>, oldest dropped first), with a cursor for walking
/// back (up arrow) and forward (down arrow).
/// </summary>
public sealed class LineHistory(int limit = LineHistory.DefaultLimit)
{
    public const int DefaultLimit = 1000;

    private readonly List<string> _lines = [];
    private int _cursor;

    public int Limit { get; } = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, "must be positive");

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Adds a line (not a repeat of the last one) and puts the cursor after the end; true when it was added.</summary>
    public bool Add(string line)
    {
        var added = !string.IsNullOrWhiteSpace(line) && (_lines.Count == 0 || _lines[^1] != line);
        if (added)
        {
            _lines.Add(line);
            if (_lines.Count > Limit)
            {
                _lines.RemoveRange(0, _lines.Count - Limit);
            }
        }

        _cursor = _lines.Count;
        return added;
    }

    /// <summary>Puts the cursor after the newest line again (a fresh prompt after Ctrl+C).</summary>
    public void Reset() => _cursor = _lines.Count;

    /// <summary>The line before the cursor, or null at the oldest.</summary>
    public string? Previous()
    {
        if (_cursor == 0)
        {
            return null;
        }

        _cursor--;
        return _lines[_cursor];
    }

    /// <summary>The line after the cursor; an empty line past the newest (back to a fresh prompt).</summary>
    public string Next()
    {
        if (_cursor < _lines.Count)
        {
            _cursor++;
        }

        return _cursor < _lines.Count ? _lines[_cursor] : string.Empty;
    }
}
