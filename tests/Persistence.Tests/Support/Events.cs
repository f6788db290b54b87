using System.Text;

namespace Cluster.Persistence.Tests;

/// <summary>Builds small writes whose payload names their own persistence id and sequence nr, so reads are checkable.</summary>
public static class Events
{
    public static JournalEvent Event(string persistenceId, long sequenceNr, params string[] tags) =>
        new(sequenceNr, "TestEvent.v1", Encoding.UTF8.GetBytes($"{persistenceId}:{sequenceNr}"), tags);

    public static AtomicWrite Write(string persistenceId, long fromSequenceNr, int count = 1, params string[] tags) =>
        new(persistenceId, [.. Enumerable.Range(0, count).Select(i => Event(persistenceId, fromSequenceNr + i, tags))], "writer-1");

    public static string Text(StoredEvent e) => Encoding.UTF8.GetString(e.Payload);

    public static async Task<List<StoredEvent>> ReplayAll(this IJournal journal, string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var events = new List<StoredEvent>();
        await foreach (var e in journal.ReplayAsync(persistenceId, from, to, max))
        {
            events.Add(e);
        }

        return events;
    }
}
