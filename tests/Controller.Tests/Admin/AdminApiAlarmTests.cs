using System.Net;
using System.Text;
using Cluster.Controller.Vrm;
using Cluster.Messages;

namespace Cluster.Controller.Tests.Admin;

// /api/alarms against a scripted VRM (see ScriptedVrm).
public sealed class AdminApiAlarmTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AlarmView Alarm(string? by = null) =>
        new("alarm-0001", "host-faulty", AlarmSeverity.Major, AlarmObject.Host(HostId.From("h-1")), "host h-1 is Faulty", T0, T0, 1, true, by, by is null ? null : T0, null, null);

    private static object? Answer(object message) => message switch
    {
        ListAlarms => new AlarmList([Alarm()]),
        GetAlarm { AlarmId: "alarm-0001" } => Alarm(),
        AcknowledgeAlarm { AlarmId: "alarm-0001" } ack => Alarm(ack.By),
        GetAlarm or AcknowledgeAlarm => AdminFailure.NotFound("alarmId", "alarm"),
        _ => null,
    };

    [Theory]
    [InlineData("/api/alarms", false)]
    [InlineData("/api/alarms?all=true", true)]
    public async Task The_list_is_active_alarms_unless_all_is_asked(string path, bool all)
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        var list = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal("alarm-0001", list[0].Str("alarmId"));
        Assert.Equal("Host", list[0].GetProperty("object").Str("kind"));
        Assert.Equal(new ListAlarms(all), Assert.Single(host.Received));
    }

    [Fact]
    public async Task One_alarm_by_id_and_an_unknown_one_is_404()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        var alarm = await HttpAssert.JsonAsync(await host.Client.GetAsync(new Uri("/api/alarms/alarm-0001", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal("Major", alarm.Str("severity"));
        await HttpAssert.ErrorAsync(await host.Client.GetAsync(new Uri("/api/alarms/alarm-0009", UriKind.Relative)), HttpStatusCode.NotFound, "alarmId");
    }

    [Fact]
    public async Task Ack_names_who_acknowledged_from_the_body_or_operator()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        using var body = new StringContent("""{"by":"alice"}""", Encoding.UTF8, "application/json");
        var acked = await HttpAssert.JsonAsync(await host.Client.PostAsync(new Uri("/api/alarms/alarm-0001/ack", UriKind.Relative), body), HttpStatusCode.OK);
        Assert.Equal("alice", acked.Str("acknowledgedBy"));
        await HttpAssert.JsonAsync(await host.PostAsync("/api/alarms/alarm-0001/ack"), HttpStatusCode.OK);

        Assert.Equal([new AcknowledgeAlarm("alarm-0001", "alice"), new AcknowledgeAlarm("alarm-0001", "operator")], host.Received.ToArray());
    }

    [Fact]
    public async Task Ack_with_a_blank_name_is_a_400_naming_by()
    {
        await using var host = await AdminApiHost.StartAsync(Answer);

        using var body = new StringContent("""{"by":"  "}""", Encoding.UTF8, "application/json");
        await HttpAssert.ErrorAsync(await host.Client.PostAsync(new Uri("/api/alarms/alarm-0001/ack", UriKind.Relative), body), HttpStatusCode.BadRequest, "by");
        Assert.Empty(host.Received);
    }
}
