using System.Text.Json.Serialization;

namespace Cluster.Messages;

/// <summary>
/// A CPU vendor and the feature flags a host offers, or (as a VM's required baseline, in the manner
/// of FusionCompute IMC or vSphere EVC) the flags a VM may have seen and so must find again wherever it
/// runs. Features are kept sorted and distinct so that equal sets are equal values and serialize alike.
/// An empty vendor means "any vendor".
/// </summary>
public sealed record CpuFeatureSet
{
    private readonly HashSet<string> lookup;

    [JsonConstructor]
    public CpuFeatureSet(string vendor, IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Vendor = vendor ?? string.Empty;
        Features = features.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        lookup = new HashSet<string>(Features, StringComparer.Ordinal);
    }

    /// <summary>The baseline that every host satisfies: any vendor, no features.</summary>
    public static CpuFeatureSet None { get; } = new(string.Empty, []);

    public string Vendor { get; }

    public IReadOnlyList<string> Features { get; }

    /// <summary>
    /// True when a host with this set can run a VM requiring <paramref name="required"/>: the vendor
    /// matches (unless the baseline names none) and every required flag is present.
    /// </summary>
    public bool IsSupersetOf(CpuFeatureSet required)
    {
        ArgumentNullException.ThrowIfNull(required);
        if (required.Vendor.Length > 0 && !string.Equals(required.Vendor, Vendor, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var feature in required.Features)
        {
            if (!lookup.Contains(feature))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(CpuFeatureSet? other) =>
        other is not null
        && string.Equals(Vendor, other.Vendor, StringComparison.Ordinal)
        && Features.SequenceEqual(other.Features, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Vendor, StringComparer.Ordinal);
        foreach (var feature in Features)
        {
            hash.Add(feature, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"{(Vendor.Length == 0 ? "any" : Vendor)}[{string.Join(',', Features)}]";
}
