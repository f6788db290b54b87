using System.Globalization;
using System.Text;
using Cluster.Messages;

namespace Cluster.HostNode.Hypervisor.Tcp;

/// <summary>
/// The lines a migration connection carries, in ASCII, one per message. The source opens with
/// <c>migrate VM INCARNATION</c> (the VM and the source's incarnation; the target holds the next one), the target answers
/// <c>ready</c> or <c>refused REASON</c>; when its transfer completes the source sends <c>complete</c> and the target,
/// holding the whole memory now, answers <c>received</c>. Lines are short: a longer one ends the connection.
/// </summary>
internal static class MigrationWire
{
    public const string Ready = "ready";
    public const string Complete = "complete";
    public const string Received = "received";
    private const string Hello = "migrate";
    private const string RefusedPrefix = "refused ";
    private const int MaxLineBytes = 512;

    public static string HelloLine(VmId vm, long sourceIncarnation) =>
        string.Create(CultureInfo.InvariantCulture, $"{Hello} {vm} {sourceIncarnation}");

    /// <summary>The VM and source incarnation a hello names, or null for any other line.</summary>
    public static (VmId Vm, long SourceIncarnation)? ParseHello(string line)
    {
        var parts = line.Split(' ');
        return parts is [Hello, var vm, var incarnation]
               && long.TryParse(incarnation, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
               && VmIdFrom(vm) is { } id
            ? (id, n)
            : null;
    }

    public static string RefusedLine(string reason) => RefusedPrefix + reason.ReplaceLineEndings(" ");

    /// <summary>The reason of a refusal line, or the line itself for anything else that is not <see cref="Ready"/>.</summary>
    public static string Refusal(string line) => line.StartsWith(RefusedPrefix, StringComparison.Ordinal) ? line[RefusedPrefix.Length..] : $"unexpected answer '{line}'";

    public static async Task WriteLineAsync(Stream stream, string line, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next line, or null at the end of the stream (the peer closed it).</summary>
    public static async Task<string?> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.ASCII.GetString([.. line]);
            }

            line.Add(one[0]);
            if (line.Count > MaxLineBytes)
            {
                throw new InvalidDataException($"a line longer than {MaxLineBytes} bytes");
            }
        }
    }

    private static VmId? VmIdFrom(string value)
    {
        try
        {
            return new VmId(value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
