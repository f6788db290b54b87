using System.Text;
using Akka.Actor;
using Akka.Persistence;
using Cluster.Messages;

namespace Cluster.Runtime.Tests.Persistence;

/// <summary>
/// A tiny persistent entity: its events are a real wire type (<see cref="AlarmRaisedV1"/>), so the journal goes through
/// our serializer; its snapshot is the codes as UTF-8 bytes (Akka's built-in byte-array serializer, not Newtonsoft).
/// </summary>
public sealed class Recorder : ReceivePersistentActor
{
    private readonly List<string> _codes = [];
    private long? _recoveredFromSnapshot;
    private IActorRef _snapshotRequester = ActorRefs.Nobody;
    private IActorRef _deleteRequester = ActorRefs.Nobody;

    public Recorder(string persistenceId)
    {
        PersistenceId = persistenceId;

        Recover<SnapshotOffer>(offer =>
        {
            _codes.AddRange(Encoding.UTF8.GetString((byte[])offer.Snapshot).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            _recoveredFromSnapshot = offer.Metadata.SequenceNr;
        });
        Recover<AlarmRaisedV1>(e => _codes.Add(e.Code));

        Command<Record>(record =>
        {
            var events = record.Codes.Select(code => new AlarmRaisedV1(AlarmSeverity.Info, code, $"recorded {code}")).ToArray();
            var last = events[^1];
            PersistAll(events, e =>
            {
                _codes.Add(e.Code);
                if (ReferenceEquals(e, last))
                {
                    Sender.Tell(new Recorded(LastSequenceNr));
                }
            });
        });
        Command<GetState>(_ => Sender.Tell(new RecorderState([.. _codes], LastSequenceNr, _recoveredFromSnapshot)));
        Command<TakeSnapshot>(_ =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot(Encoding.UTF8.GetBytes(string.Join('\n', _codes)));
        });
        Command<SaveSnapshotSuccess>(s => _snapshotRequester.Tell(new SnapshotTaken(s.Metadata.SequenceNr)));
        Command<DeleteEventsUpTo>(d =>
        {
            _deleteRequester = Sender;
            DeleteMessages(d.SequenceNr);
        });
        Command<DeleteMessagesSuccess>(d => _deleteRequester.Tell(new EventsDeleted(d.ToSequenceNr)));
        Command<DeleteSnapshotsUpTo>(d =>
        {
            _deleteRequester = Sender;
            DeleteSnapshots(new SnapshotSelectionCriteria(d.SequenceNr));
        });
        Command<DeleteSnapshotsSuccess>(d => _deleteRequester.Tell(new SnapshotsDeleted(d.Criteria.MaxSequenceNr)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new Recorder(persistenceId));
}
