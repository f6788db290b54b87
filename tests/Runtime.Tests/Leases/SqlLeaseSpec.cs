using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Remote;
using Akka.TestKit;
using Cluster.Runtime.Leases;
using Cluster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Leases;

/// <summary>
/// What <see cref="SqlLease"/> must do on every engine; one subclass per backend. Leases come from Akka's
/// LeaseProvider through the registered config block, exactly as the singleton manager and SBR get theirs. Time is
/// Akka's TestScheduler: heartbeats run only when a test advances it.
/// </summary>
public abstract class SqlLeaseSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Interval = SqlLeaseConfig.DefaultHeartbeatInterval;
    private static readonly TimeSpan Ttl = SqlLeaseConfig.DefaultHeartbeatTimeout;

    private readonly TestDatabase _db;
    private readonly LeaseTable _table;

    protected SqlLeaseSpec(TestDatabase db, ITestOutputHelper output)
        : base(SystemConfig(db), output: output)
    {
        _db = db;
        _table = new LeaseTable(SqlLeaseSettings.From(Sys.Settings.Config.GetConfig(SqlLeaseConfig.ConfigPath)).OpenDatabase());
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public async Task Of_two_owners_racing_exactly_one_holds_it()
    {
        var a = LeaseFor("node-a");
        var b = LeaseFor("node-b");

        var won = await Task.WhenAll(a.Acquire(), b.Acquire());

        Assert.Single(won, w => w);
        var (winner, loser) = won[0] ? (a, b) : (b, a);
        Assert.True(winner.CheckLease());
        Assert.False(loser.CheckLease());
        Assert.Equal(1, winner.Epoch);
        Assert.Equal(0, loser.Epoch);
        Assert.False(await loser.Acquire());
        Assert.Equal(winner.Holder, (await ReadAsync()).Holder);
    }

    [Fact]
    public async Task The_holder_is_the_owner_name_with_the_address_uid()
    {
        var a = LeaseFor("node-a");

        Assert.True(await a.Acquire());

        Assert.Equal($"node-a#{AddressUidExtension.Uid(Sys)}", a.Holder);
        Assert.Equal(a.Holder, (await ReadAsync()).Holder);
    }

    [Fact]
    public async Task Release_lets_the_other_owner_in_with_a_higher_epoch()
    {
        var a = LeaseFor("node-a");
        var b = LeaseFor("node-b");
        Assert.True(await a.Acquire());

        Assert.True(await a.Release());
        Assert.True(await b.Acquire());

        Assert.False(a.CheckLease());
        Assert.Equal(0, a.Epoch);
        Assert.Equal(2, b.Epoch);
        Assert.False(await a.Release());
    }

    [Fact]
    public async Task A_renewal_that_reaches_the_database_after_the_release_does_not_take_the_lease_back()
    {
        var a = LeaseFor("node-a");
        Assert.True(await a.Acquire());

        // A heartbeat read the clock, then the release committed before its statement ran (a graceful hand-over).
        var renewalNow = Scheduler.Now;
        Scheduler.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(await a.Release());

        Assert.Null(await _table.TryRenewAsync(LeaseName, a.Holder, 1, renewalNow, Ttl, CancellationToken.None));
        Assert.True(await LeaseFor("node-b").Acquire());
    }

    [Fact]
    public async Task Heartbeats_keep_the_lease_past_its_first_ttl()
    {
        var a = LeaseFor("node-a");
        var b = LeaseFor("node-b");
        Assert.True(await a.Acquire());

        for (var elapsed = TimeSpan.Zero; elapsed < Ttl * 2; elapsed += Interval)
        {
            EventFilter.Debug(contains: "renewed until").ExpectOne(() => Scheduler.Advance(Interval));
            Assert.Equal(ToMicroseconds(Scheduler.Now + Ttl), (await ReadAsync()).ExpiresAt);
        }

        Assert.True(a.CheckLease());
        Assert.Equal(1, a.Epoch);
        Assert.False(await b.Acquire());
    }

    [Fact]
    public async Task Another_holder_taking_the_expired_row_fires_lease_lost_on_the_next_heartbeat()
    {
        var a = LeaseFor("node-a");
        Assert.True(await a.Acquire(reason => TestActor.Tell(reason)));

        // A second controller whose clock is already past a's expiry (a was paused, say) takes the row.
        var taken = await _table.TryAcquireAsync(LeaseName, "node-b#7", Scheduler.Now + Ttl, Ttl, CancellationToken.None);
        Scheduler.Advance(Interval);

        Assert.Equal(2, taken?.Epoch);
        Assert.Contains("renewal refused", ExpectMsg<LeaseException>().Message, StringComparison.Ordinal);
        Assert.False(a.CheckLease());
        Assert.Equal(0, a.Epoch);
    }

    [Fact]
    public async Task A_broken_database_fires_lease_lost_before_the_ttl_runs_out()
    {
        var a = LeaseFor("node-a");
        Assert.True(await a.Acquire(reason => TestActor.Tell(reason)));
        var expiry = Scheduler.Now + Ttl;
        _db.Execute("ALTER TABLE akka_leases RENAME TO akka_leases_gone");

        // Renewals fail but are retried while the next heartbeat still comes before the confirmed expiry.
        while (Scheduler.Now + Interval + Interval < expiry)
        {
            EventFilter.Warning(contains: "renewal failed, retrying").ExpectOne(() => Scheduler.Advance(Interval));
            Assert.True(a.CheckLease());
        }

        Scheduler.Advance(Interval);

        var lost = ExpectMsg<LeaseException>();
        Assert.Contains("renewal failed", lost.Message, StringComparison.Ordinal);
        Assert.NotNull(lost.InnerException);
        Assert.True(Scheduler.Now < expiry);
        Assert.False(a.CheckLease());
    }

    [Fact]
    public async Task A_new_tenure_of_the_same_owner_after_expiry_gets_a_higher_epoch()
    {
        var a = LeaseFor("node-a");
        Assert.True(await a.Acquire(reason => TestActor.Tell(reason)));

        // Two intervals in one step: the heartbeat runs after the row has expired, so it is refused.
        Scheduler.Advance(Ttl + Interval);
        ExpectMsg<LeaseException>();

        Assert.True(await a.Acquire());
        Assert.Equal(2, a.Epoch);
    }

    [Fact]
    public async Task The_live_holder_acquiring_again_keeps_its_epoch_and_extends_the_row()
    {
        // No SqlLease has run here yet to create the table; these call the statements directly.
        await _table.CreateIfMissingAsync(CancellationToken.None);
        var first = await _table.TryAcquireAsync(LeaseName, "node-a#1", Scheduler.Now, Ttl, CancellationToken.None);
        var later = Scheduler.Now + Interval;

        var again = await _table.TryAcquireAsync(LeaseName, "node-a#1", later, Ttl, CancellationToken.None);

        Assert.Equal(1, first?.Epoch);
        Assert.Equal(new LeaseRow(LeaseName, "node-a#1", 1, ToMicroseconds(later + Ttl)), again);
        Assert.Equal(again, await ReadAsync());
    }

    [Fact]
    public async Task Leases_of_different_names_are_independent()
    {
        await _table.CreateIfMissingAsync(CancellationToken.None);
        var now = Scheduler.Now;

        var vrm = await _table.TryAcquireAsync(LeaseName, "node-a#1", now, Ttl, CancellationToken.None);
        var sbr = await _table.TryAcquireAsync("cluster-sbr", "node-b#2", now, Ttl, CancellationToken.None);

        Assert.Equal(("node-a#1", 1L), (vrm?.Holder, vrm?.Epoch ?? 0));
        Assert.Equal(("node-b#2", 1L), (sbr?.Holder, sbr?.Epoch ?? 0));
        Assert.Equal("node-a#1", (await ReadAsync()).Holder);
    }

    [Fact]
    public async Task Renew_and_release_are_refused_to_another_holder_or_another_epoch()
    {
        await _table.CreateIfMissingAsync(CancellationToken.None);
        var now = Scheduler.Now;
        await _table.TryAcquireAsync(LeaseName, "node-a#1", now, Ttl, CancellationToken.None);

        Assert.Null(await _table.TryRenewAsync(LeaseName, "node-b#2", 1, now, Ttl, CancellationToken.None));
        Assert.Null(await _table.TryRenewAsync(LeaseName, "node-a#1", 2, now, Ttl, CancellationToken.None));
        Assert.False(await _table.ReleaseAsync(LeaseName, "node-b#2", 1, now, CancellationToken.None));
        Assert.False(await _table.ReleaseAsync(LeaseName, "node-a#1", 2, now, CancellationToken.None));

        Assert.Equal(new LeaseRow(LeaseName, "node-a#1", 1, ToMicroseconds(now + Ttl)), await ReadAsync());
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _db.Dispose();
    }

    private const string LeaseName = "cluster-vrm";

    private SqlLease LeaseFor(string owner) =>
        Assert.IsType<SqlLease>(LeaseProvider.Get(Sys).GetLease(LeaseName, SqlLeaseConfig.ConfigPath, owner));

    private async Task<LeaseRow> ReadAsync() =>
        await _table.ReadAsync(LeaseName, CancellationToken.None) ?? throw new InvalidOperationException("no lease row");

    /// <summary>The row keeps microseconds, like PostgreSQL's timestamps.</summary>
    private static DateTimeOffset ToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    // The statements' own time limit is the production one (2 s); these tests check owners and epochs, not speed, and a
    // throw-away PostgreSQL's first statements on a loaded CI machine took longer (one clean-clone run failed so).
    private static Config SystemConfig(TestDatabase db) =>
        ConfigurationFactory.ParseString($$"""
            akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
            akka.loglevel = DEBUG
            {{SqlLeaseConfig.ConfigPath}}.lease-operation-timeout = 30s
            """)
            .WithFallback(db.LeaseBlock());
}
