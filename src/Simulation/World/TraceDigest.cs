using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>
/// A SHA-256 over every delivery of a run (time, sender, recipient, message type), to tell in one line whether two
/// runs went the same way. Attach it before the run: <c>world.Trace = digest.Observe</c>.
/// </summary>
public sealed class TraceDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new();

    public long Count { get; private set; }

    public void Observe(TimeSpan elapsed, Peer from, SimAddress to, object message)
    {
        _line.Clear()
            .Append(elapsed.Ticks.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(from.ToString()).Append('|')
            .Append(to.ToString()).Append('|')
            .Append(message.GetType().Name).Append('\n');
        _hash.AppendData(Encoding.UTF8.GetBytes(_line.ToString()));
        Count++;
    }

    /// <summary>The digest of everything observed so far, in hex; observing may go on.</summary>
    public string Hex() => Convert.ToHexString(_hash.GetCurrentHash());

    public void Dispose() => _hash.Dispose();
}
