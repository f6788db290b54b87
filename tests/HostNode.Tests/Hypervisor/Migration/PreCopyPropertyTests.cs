using Cluster.HostNode.Hypervisor.Migration;
using CsCheck;

namespace Cluster.HostNode.Tests.Hypervisor.Migration;

/// <summary>
/// Properties over random migrations: guests of 64 MiB–64 GiB dirtying 0.1 MiB/s–5 GiB/s (log-uniform) over links of
/// 1–100 Gbit/s. CsCheck draws them; a failure prints the parameters.
/// </summary>
public sealed class PreCopyPropertyTests
{
    private const int Iterations = 300;

    private static readonly Gen<PreCopyParameters> Migrations =
        Gen.Select(Gen.Long[64, 65536], Gen.Double[-1, 3.7], Gen.Double[1, 100], (memory, logDirty, gigabits) =>
            new PreCopyParameters(memory, Math.Pow(10, logDirty)) { LinkMibPerSecond = MigrationUnits.GigabitsToMibPerSecond(gigabits) });

    [Fact]
    public void With_auto_converge_every_migration_completes_within_the_downtime_limit_plus_the_switchover_cost()
    {
        Migrations.Sample(
            parameters =>
            {
                var result = PreCopyModel.Run(parameters);

                Assert.True(result.Converged, result.Error);
                Assert.True(result.Downtime <= parameters.DowntimeLimit + parameters.SwitchoverCost);
                Assert.Equal(parameters.MemoryMib, result.Passes[0].SentMib);
            },
            iter: Iterations,
            threads: 1,
            print: Describe);
    }

    [Fact]
    public void The_throttle_only_climbs_and_each_step_is_the_initial_or_one_increment()
    {
        Migrations.Sample(
            parameters =>
            {
                var throttles = PreCopyModel.Run(parameters).Passes.Select(p => p.ThrottlePercent).ToList();

                foreach (var (before, after) in throttles.Zip(throttles.Skip(1)))
                {
                    Assert.Contains(after, new[] { before, before == 0 ? 20 : Math.Min(before + 10, 99) });
                }
            },
            iter: Iterations,
            threads: 1,
            print: Describe);
    }

    [Fact]
    public void Time_and_bytes_add_up_over_the_passes_and_the_switchover()
    {
        Migrations.Sample(
            parameters =>
            {
                var result = PreCopyModel.Run(parameters);

                var passTime = result.Passes.Aggregate(TimeSpan.Zero, (sum, pass) => sum + pass.Duration);
                Assert.Equal(parameters.SetupTime + passTime + result.Downtime, result.TotalTime);
                Assert.Equal(result.Passes.Sum(p => p.SentMib) + result.SwitchoverMib!.Value, result.TransferredMib, 6);
            },
            iter: Iterations,
            threads: 1,
            print: Describe);
    }

    [Fact]
    public void Stepping_by_random_deltas_ends_where_running_in_one_go_does_and_never_unsends_anything()
    {
        Gen.Select(Migrations, Gen.Int[1, 5000]).Sample(
            (parameters, stepMilliseconds) =>
            {
                var inOneGo = PreCopyProgress.Start(parameters).RunToEnd();
                var stepped = PreCopyProgress.Start(parameters);
                var transferred = 0L;
                while (!stepped.IsFinished)
                {
                    stepped = stepped.Advance(TimeSpan.FromMilliseconds(stepMilliseconds));
                    var status = stepped.Query();
                    Assert.True(status.TransferredBytes >= transferred && status.RemainingBytes >= 0);
                    transferred = status.TransferredBytes;
                }

                Assert.Equal(inOneGo.Query(), stepped.Query());
                Assert.Equal(inOneGo.Result!.Passes, stepped.Result!.Passes);
            },
            iter: 100,
            threads: 1,
            print: t => $"{Describe(t.Item1)}, steps of {t.Item2} ms");
    }

    private static string Describe(PreCopyParameters p) =>
        FormattableString.Invariant($"{p.MemoryMib} MiB dirtying {p.DirtyRateMibPerSecond:0.###} MiB/s over {p.LinkMibPerSecond:0.#} MiB/s");
}
