using Cluster.Controller.Alarms;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Alarms;

public sealed class AlarmBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AlarmObject Host1 = AlarmObject.Host(HostId.From("host-1"));
    private static readonly AlarmCondition Faulty = new(AlarmKinds.HostFaulty, AlarmSeverity.Major, Host1, "host host-1 is Faulty");

    private static AlarmBook Apply(AlarmBook book, params IInventoryEvent?[] events)
    {
        foreach (var e in events)
        {
            book.Apply(e!);
        }

        return book;
    }

    [Fact]
    public void A_condition_is_raised_once_while_it_lasts_and_even_before_its_event_is_applied()
    {
        var book = new AlarmBook();
        var raised = Assert.IsType<AlarmRaised>(book.Observe(Faulty, T0));
        Assert.Null(book.Observe(Faulty, T0.AddSeconds(1)));

        Apply(book, raised);
        Assert.Null(book.Observe(Faulty, T0.AddSeconds(2)));
        var alarm = Assert.Single(book.Active);
        Assert.Equal("alarm-0001", alarm.AlarmId);
        Assert.Equal((T0, T0, 1), (alarm.FirstSeen, alarm.LastSeen, alarm.Count));
    }

    [Fact]
    public void A_repeat_counts_up_and_moves_last_seen()
    {
        var book = new AlarmBook();
        Apply(book, book.Observe(Faulty, T0));
        var repeated = Assert.IsType<AlarmRepeated>(book.Observe(Faulty, T0.AddMinutes(1), countRepeat: true));

        Apply(book, repeated);
        var alarm = Assert.Single(book.Active);
        Assert.Equal((T0, T0.AddMinutes(1), 2), (alarm.FirstSeen, alarm.LastSeen, alarm.Count));
    }

    [Fact]
    public void Acknowledging_does_not_clear_and_a_second_acknowledgement_is_no_new_event()
    {
        var book = Apply(new AlarmBook(), new AlarmBook().Observe(Faulty, T0));
        var (ack, refusal, found) = book.Acknowledge("alarm-0001", "alice", T0.AddSeconds(5));
        Assert.True(found);
        Assert.Null(refusal);
        Apply(book, ack);

        var alarm = Assert.Single(book.Active);
        Assert.Equal(("alice", T0.AddSeconds(5)), (alarm.AcknowledgedBy, alarm.AcknowledgedAt));
        Assert.Null(book.Acknowledge("alarm-0001", "bob", T0.AddSeconds(6)).Event);
        Assert.False(book.Acknowledge("alarm-9999", "bob", T0).Found);
    }

    [Fact]
    public void A_cleared_alarm_that_recurs_is_a_new_occurrence_with_a_new_id()
    {
        var book = Apply(new AlarmBook(), new AlarmBook().Observe(Faulty, T0));
        var cleared = book.Settle(_ => "host host-1 is Normal", T0.AddMinutes(1));
        Assert.Single(cleared);
        Assert.Empty(book.Settle(_ => "again", T0.AddMinutes(1)));
        Apply(book, cleared[0]);
        Assert.Empty(book.Active);

        var again = Assert.IsType<AlarmRaised>(book.Observe(Faulty, T0.AddMinutes(2)));
        Apply(book, again);
        Assert.Equal("alarm-0002", Assert.Single(book.Active).AlarmId);
        var old = book.Find("alarm-0001")!;
        Assert.False(old.Active);
        Assert.Equal("host host-1 is Normal", old.ClearReason);
        Assert.Contains("already cleared", book.Acknowledge("alarm-0001", "alice", T0).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_of_alarms_decided_together_do_not_collide()
    {
        var book = new AlarmBook();
        var first = Assert.IsType<AlarmRaised>(book.Observe(Faulty, T0));
        var second = Assert.IsType<AlarmRaised>(book.Observe(Faulty with { Object = AlarmObject.Host(HostId.From("host-2")) }, T0));
        Assert.NotEqual(first.AlarmId, second.AlarmId);
        Apply(book, first, second);
        Assert.Equal(2, book.EverRaised);
    }

    [Fact]
    public void A_snapshot_keeps_active_and_cleared_alarms_and_the_id_counter()
    {
        var book = Apply(new AlarmBook(), new AlarmBook().Observe(Faulty, T0));
        Apply(book, book.Settle(_ => "ended", T0.AddSeconds(1))[0]);
        Apply(book, book.Observe(Faulty, T0.AddSeconds(2)));

        var copy = AlarmBook.FromSnapshot(book.ToSnapshot(), book.EverRaised);

        Assert.Equal(book.All.ToList(), copy.All.ToList());
        Assert.Equal("alarm-0003", ((AlarmRaised)copy.Observe(Faulty with { Object = AlarmObject.Host(HostId.From("host-3")) }, T0)!).AlarmId);
    }
}
