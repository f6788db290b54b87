namespace Cluster.Persistence;

internal static class LeaseGuard
{
    public static void Check(string name, string holder)
    {
        Guard.NotEmpty(name);
        Guard.NotEmpty(holder);
    }

    public static void Check(string name, string holder, TimeSpan ttl)
    {
        Check(name, holder);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(ttl)} must be positive but was {ttl}.", nameof(ttl));
        }
    }
}
