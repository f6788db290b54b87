using Akka.Actor;
using Akka.Coordination;
using Cluster.Messages;

namespace Cluster.Runtime.Leases;

/// <summary>
/// Runs on every controller: takes or gives back the split-brain resolver's SQL lease row for a host node that leads
/// its side of a partition (<see cref="HostSideLease"/>). The lease is resolved by the host's owner name, so the row's
/// holder is the host's tenure, renewed here while this controller lives; if this controller dies the row lapses
/// after its TTL like any other holder's.
/// </summary>
public sealed class SplitBrainLeaseBroker : ReceiveActor
{
    public const string Name = "sbr-lease-broker";

    public const string Path = "/user/" + Name;

    public SplitBrainLeaseBroker()
    {
        ReceiveAsync<SplitBrainLeaseRequest>(async request =>
        {
            var sender = Sender;
            sender.Tell(await AnswerAsync(request).ConfigureAwait(false));
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new SplitBrainLeaseBroker());

    private async Task<SplitBrainLeaseAnswer> AnswerAsync(SplitBrainLeaseRequest request)
    {
        try
        {
            var lease = LeaseProvider.Get(Context.System).GetLease(request.LeaseName, SqlLeaseConfig.ConfigPath, request.Owner);
            var granted = request.Release ? await lease.Release().ConfigureAwait(false) : await lease.Acquire().ConfigureAwait(false);
            return new SplitBrainLeaseAnswer(granted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SplitBrainLeaseAnswer(false, ex.GetBaseException().Message);
        }
    }
}
