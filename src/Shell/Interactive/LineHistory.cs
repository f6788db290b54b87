namespace Cluster.Shell.Interactive;

/// <summary>The lines typed so far, with a cursor for walking back (up arrow) and forward (down arrow).</summary>
public sealed class LineHistory
{
    private readonly List<string> _lines = [];
    private int _cursor;

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Adds a line (not a repeat of the last one) and puts the cursor after the end.</summary>
    public void Add(string line)
    {
        if (!string.IsNullOrWhiteSpace(line) && (_lines.Count == 0 || _lines[^1] != line))
        {
            _lines.Add(line);
        }

        _cursor = _lines.Count;
    }

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
