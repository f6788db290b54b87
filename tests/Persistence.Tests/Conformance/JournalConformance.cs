using static Cluster.Persistence.Tests.Events;

namespace Cluster.Persistence.Tests;

/// <summary>What every <see cref="IJournal"/> backend must do; one subclass per backend.</summary>
public abstract class JournalConformance : BackendTest
{
    protected IJournal Journal { get; private set; } = null!;

    protected override async Task InitializeStoreAsync(ITestBackend backend) => Journal = await backend.CreateJournalAsync(Time);

    [Fact]
    public async Task Replay_returns_every_field_in_sequence_order()
    {
        var results = await Journal.WriteAsync([Write("a", 1, 3), Write("b", 1), Write("a", 4, 2)]);

        Assert.All(results, r => Assert.True(r.Succeeded));
        var events = await Journal.ReplayAll("a");
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.SequenceNr));
        Assert.Equal("a:4", Text(events[3]));
        Assert.All(events, e =>
        {
            Assert.Equal("a", e.PersistenceId);
            Assert.Equal("TestEvent.v1", e.Manifest);
            Assert.Equal("writer-1", e.WriterId);
            Assert.Equal(Time.GetUtcNow(), e.Created);
        });
    }

    [Fact]
    public async Task Replay_honours_range_and_max()
    {
        await Journal.WriteAsync([Write("a", 1, 10)]);

        Assert.Equal([3L, 4, 5], (await Journal.ReplayAll("a", from: 3, to: 5)).Select(e => e.SequenceNr));
        Assert.Equal([4L, 5], (await Journal.ReplayAll("a", from: 4, max: 2)).Select(e => e.SequenceNr));
        Assert.Empty(await Journal.ReplayAll("a", from: 11));
        Assert.Empty(await Journal.ReplayAll("a", max: 0));
        Assert.Empty(await Journal.ReplayAll("nobody"));
    }

    [Fact]
    public async Task Highest_sequence_nr_follows_writes()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("a"));
        await Journal.WriteAsync([Write("a", 1, 7), Write("b", 1, 2)]);
        Assert.Equal(7, await Journal.ReadHighestSequenceNrAsync("a"));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync("b"));
    }

    [Fact]
    public async Task Duplicate_sequence_nr_fails_only_that_write()
    {
        await Journal.WriteAsync([Write("a", 1, 2)]);

        // The second write overlaps a:2 in its second event only; the last one collides inside the batch itself.
        var results = await Journal.WriteAsync([Write("b", 1), Write("a", 1 + 1, 2), Write("c", 1), Write("a", 3), Write("c", 1)]);

        Assert.True(results[0].Succeeded);
        var conflict = Assert.IsType<SequenceConflictException>(results[1].Error);
        Assert.Equal("a", conflict.PersistenceId);
        Assert.True(results[2].Succeeded);
        Assert.True(results[3].Succeeded);
        Assert.IsType<SequenceConflictException>(results[4].Error);
        Assert.Equal(["a:1", "a:2", "a:3"], (await Journal.ReplayAll("a")).Select(Text));
        Assert.Single(await Journal.ReplayAll("b"));
        Assert.Single(await Journal.ReplayAll("c"));
    }

    [Fact]
    public async Task ReadAll_pages_through_global_order()
    {
        await Journal.WriteAsync([Write("a", 1, 2), Write("b", 1)]);
        await Journal.WriteAsync([Write("a", 3), Write("c", 1, 2)]);

        var all = await Journal.ReadAllAsync(0, 100);
        Assert.Equal(["a:1", "a:2", "b:1", "a:3", "c:1", "c:2"], all.Select(Text));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Ordering < p.Second.Ordering));

        var page = await Journal.ReadAllAsync(all[1].Ordering, 3);
        Assert.Equal(["b:1", "a:3", "c:1"], page.Select(Text));
        Assert.Empty(await Journal.ReadAllAsync(all[^1].Ordering, 10));
    }

    [Fact]
    public async Task Tags_round_trip_and_match_whole_tags_only()
    {
        await Journal.WriteAsync([Write("h1", 1, 1, "host", "ha"), Write("h2", 1, 1, "host-2"), Write("v1", 1, 1, "vm", "ha")]);

        Assert.Equal(["host", "ha"], (await Journal.ReplayAll("h1"))[0].Tags);
        Assert.Empty((await Journal.ReplayAll("nobody")).SelectMany(e => e.Tags));
        Assert.Equal(["h1:1"], (await Journal.ReadByTagAsync("host", 0, 10)).Select(Text));
        Assert.Equal(["h1:1", "v1:1"], (await Journal.ReadByTagAsync("ha", 0, 10)).Select(Text));
        Assert.Equal(["v1:1"], (await Journal.ReadByTagAsync("ha", (await Journal.ReadAllAsync(0, 1))[0].Ordering, 10)).Select(Text));
        Assert.Empty(await Journal.ReadByTagAsync("HOST", 0, 10));
    }

    [Fact]
    public async Task DeleteTo_removes_events_but_keeps_the_highest_sequence_nr()
    {
        await Journal.WriteAsync([Write("a", 1, 5), Write("b", 1, 2)]);

        await Journal.DeleteToAsync("a", 3);
        Assert.Equal([4L, 5], (await Journal.ReplayAll("a")).Select(e => e.SequenceNr));
        Assert.Equal(["a:4", "a:5", "b:1", "b:2"], (await Journal.ReadAllAsync(0, 100)).Select(Text));

        await Journal.DeleteToAsync("a", long.MaxValue);
        Assert.Empty(await Journal.ReplayAll("a"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("a"));

        // Deleting never raises the highest nr past what was written, so the actor continues at 6.
        Assert.True((await Journal.WriteAsync([Write("a", 6)]))[0].Succeeded);
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync("a"));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync("b"));
    }

    [Fact]
    public async Task Created_comes_from_the_time_provider()
    {
        await Journal.WriteAsync([Write("a", 1)]);
        Time.Advance(TimeSpan.FromMinutes(5));
        await Journal.WriteAsync([Write("a", 2)]);

        var events = await Journal.ReplayAll("a");
        Assert.Equal(TimeSpan.FromMinutes(5), events[1].Created - events[0].Created);
        Assert.Equal(Time.GetUtcNow(), events[1].Created);
    }

    [Fact]
    public async Task Bad_arguments_name_the_field()
    {
        Assert.Equal("persistenceId", (await Assert.ThrowsAsync<ArgumentException>(() => Journal.ReadHighestSequenceNrAsync(""))).ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.ReplayAll(""));
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.DeleteToAsync("", 1));
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.ReadByTagAsync("", 0, 1));
    }

    [Fact]
    public async Task Batching_many_concurrent_writers_stores_and_acknowledges_everything_in_order()
    {
        const int writers = 50;
        const int writesEach = 100;
        await using (var batching = new BatchingJournal(Journal))
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var seq = 1; seq <= writesEach; seq++)
                {
                    await batching.WriteAsync(Write($"actor-{w}", seq));
                }
            })));
        }

        var all = await Journal.ReadAllAsync(0, writers * writesEach + 1);
        Assert.Equal(writers * writesEach, all.Count);
        foreach (var group in all.GroupBy(e => e.PersistenceId))
        {
            Assert.Equal(Enumerable.Range(1, writesEach).Select(i => (long)i), group.Select(e => e.SequenceNr));
        }

        Assert.Equal(writesEach, await Journal.ReadHighestSequenceNrAsync("actor-7"));
    }

    [Fact]
    public async Task Batching_conflict_fails_only_its_caller()
    {
        await using var batching = new BatchingJournal(Journal);
        await batching.WriteAsync(Write("a", 1));

        var tasks = new[] { batching.WriteAsync(Write("b", 1)), batching.WriteAsync(Write("a", 1)), batching.WriteAsync(Write("c", 1)) };

        await tasks[0];
        await Assert.ThrowsAsync<SequenceConflictException>(() => tasks[1]);
        await tasks[2];
    }

    [Fact]
    public async Task Failed_transaction_fails_every_caller_in_it_and_stores_none()
    {
        await using var batching = new BatchingJournal(Journal);
        await batching.WriteAsync(Write("before", 1));

        var tasks = new List<Task>();
        await using (await Backend.BreakWritesAsync(Journal))
        {
            tasks.AddRange(Enumerable.Range(0, 20).Select(i => batching.WriteAsync(Write($"lost-{i}", 1))));
            foreach (var task in tasks)
            {
                Assert.IsAssignableFrom(Backend.BrokenWriteException, await Assert.ThrowsAnyAsync<Exception>(() => task));
            }
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync($"lost-{i}"));
        }

        // The writer loop survives a failed transaction.
        await batching.WriteAsync(Write("after", 1));
        Assert.Equal(["before:1", "after:1"], (await Journal.ReadAllAsync(0, 10)).Select(Text));
    }
}
