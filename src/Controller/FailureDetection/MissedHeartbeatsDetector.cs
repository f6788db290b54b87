namespace Cluster.Controller.FailureDetection;

/// <summary>
/// The classic fixed-timeout detector: faulty once the last heartbeat is <see cref="MissedHeartbeatsOptions.Timeout"/>
/// old or older. Predictable for operators (vSphere / FusionCompute style "N missed heartbeats"), blind to jitter.
/// </summary>
public sealed class MissedHeartbeatsDetector(MissedHeartbeatsOptions? options = null) : IFailureDetector
{
    private readonly MissedHeartbeatsOptions _options = (options ?? new MissedHeartbeatsOptions()).Validate();
    private DateTimeOffset? _last;

    public void Heartbeat(DateTimeOffset now)
    {
        // Heartbeats may be delivered out of order; an older one must not make the host look more silent.
        if (_last is null || now > _last)
        {
            _last = now;
        }
    }

    public bool IsAvailable(DateTimeOffset now) => _last is not { } last || now - last < _options.Timeout;
}
