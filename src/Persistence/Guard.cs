using System.Runtime.CompilerServices;

namespace Cluster.Persistence;

/// <summary>Argument checks shared by the storage-lease stores, so bad input fails the same way in each.</summary>
internal static class Guard
{
    public static void NotEmpty(string? value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{name} must not be null or empty.", name);
        }
    }

    public static void Positive(long value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive but was {value}.", name);
        }
    }
}
