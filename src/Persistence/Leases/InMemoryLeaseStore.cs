namespace Cluster.Persistence;

/// <summary>Lease store for tests and the deterministic simulation; the lock makes each operation a compare-and-set.</summary>
public sealed class InMemoryLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    /// <summary>Fault injection: while true every call fails, as when the database cannot be reached.</summary>
    public bool Unavailable { get; set; }

    private Task<T>? FailIfUnavailable<T>() =>
        Unavailable ? Task.FromException<T>(new InvalidOperationException("lease store unavailable (injected fault)")) : null;

    public Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        LeaseGuard.Check(name, holder, ttl);
        if (FailIfUnavailable<Lease?>() is { } failed)
        {
            return failed;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            Lease? granted = null;
            if (!_leases.TryGetValue(name, out var current))
            {
                granted = new Lease(name, holder, 1, now + ttl);
            }
            else if (current.IsExpiredAt(now) || current.Holder == holder)
            {
                var sameTenure = current.Holder == holder && !current.IsExpiredAt(now);
                granted = new Lease(name, holder, sameTenure ? current.Epoch : current.Epoch + 1, now + ttl);
            }

            if (granted is not null)
            {
                _leases[name] = granted;
            }

            return Task.FromResult(granted);
        }
    }

    public Task<Lease?> TryRenewAsync(string name, string holder, long epoch, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        LeaseGuard.Check(name, holder, ttl);
        if (FailIfUnavailable<Lease?>() is { } failed)
        {
            return failed;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            Lease? renewed = null;
            if (IsLiveTenure(name, holder, epoch, now, out var current))
            {
                renewed = current with { ExpiresAt = now + ttl };
                _leases[name] = renewed;
            }

            return Task.FromResult(renewed);
        }
    }

    public Task<Lease?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        Guard.NotEmpty(name);
        lock (_gate)
        {
            return Task.FromResult(_leases.GetValueOrDefault(name));
        }
    }

    public Task<bool> ReleaseAsync(string name, string holder, long epoch, CancellationToken cancellationToken = default)
    {
        LeaseGuard.Check(name, holder);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!IsLiveTenure(name, holder, epoch, now, out var current))
            {
                return Task.FromResult(false);
            }

            _leases[name] = current with { ExpiresAt = now };
            return Task.FromResult(true);
        }
    }

    private bool IsLiveTenure(string name, string holder, long epoch, DateTimeOffset now, out Lease current) =>
        _leases.TryGetValue(name, out current!) && current.Holder == holder && current.Epoch == epoch && !current.IsExpiredAt(now);
}
