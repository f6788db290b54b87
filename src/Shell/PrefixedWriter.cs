using System.Text;

namespace Cluster.Shell;

/// <summary>
/// Writes through to another writer, starting every line with <see cref="Prefix"/>: piped input reports
/// "line N: error: ..." without every command having to know its line number.
/// </summary>
public sealed class PrefixedWriter(TextWriter inner) : TextWriter
{
    private bool _atLineStart = true;

    public string Prefix { get; set; } = string.Empty;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (_atLineStart && Prefix.Length > 0)
        {
            inner.Write(Prefix);
        }

        inner.Write(value);
        _atLineStart = value == '\n';
    }

    public override void Flush() => inner.Flush();
}
