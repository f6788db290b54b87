namespace Cluster.Simulation.Trace;

/// <summary>
/// Replays a PlanetLab day through a consolidation policy with CloudSim 3.0.3's event timing:
/// VMs are placed at time 0, their traces start at 0.1 s, and a round runs every interval from then
/// on (the first interval is not charged energy: no host has been measured yet). A round updates
/// every host, asks the policy, starts its migrations; each batch of migrations finishing at the same
/// instant is preceded and followed by a full update. Deterministic: same input, same figures.
/// </summary>
public static class TraceEvaluator
{
    private const double TraceStartSeconds = 0.1;

    public static TraceResult Run(
        PlanetLabTrace trace,
        DataCenterSpec spec,
        IConsolidationPolicy policy,
        Action<double>? progress = null)
    {
        var state = new DataCenterState(spec, trace);
        foreach (var placement in policy.PlaceInitially(state))
        {
            state.Place(placement.Vm, placement.TargetHost);
        }

        var migrations = 0;
        var pending = new List<PendingMigration>();
        var sequence = 0;
        var interval = spec.SchedulingIntervalSeconds;
        for (var time = TraceStartSeconds + interval; time < spec.DurationSeconds; time += interval)
        {
            state.Update(time);
            foreach (var move in policy.Consolidate(state))
            {
                if ((uint)move.Vm >= (uint)state.VmCount || (uint)move.TargetHost >= (uint)state.HostCount)
                {
                    throw new InvalidOperationException(
                        $"policy {policy.Name} asked to move VM {move.Vm} to host {move.TargetHost}, outside the data centre");
                }

                if (state.StartMigration(move.Vm, move.TargetHost))
                {
                    migrations++;
                    var finish = time + state.MigrationSeconds(move.Vm);
                    pending.Add(new PendingMigration(finish, sequence++, move.Vm, move.TargetHost));
                }
            }

            CompleteMigrations(state, pending, Math.Min(time + interval, spec.DurationSeconds));
            progress?.Invoke(time / spec.DurationSeconds);
        }

        state.Ledger.Close();
        return Summarize(trace, spec, policy, state, migrations);
    }

    private static void CompleteMigrations(DataCenterState state, List<PendingMigration> pending, double before)
    {
        pending.Sort();
        var done = 0;
        while (done < pending.Count && pending[done].Finish < before)
        {
            var finish = pending[done].Finish;
            state.UpdateIfLater(finish);
            while (done < pending.Count && pending[done].Finish == finish)
            {
                state.CompleteMigration(pending[done].Vm, pending[done].Target);
                done++;
            }

            state.Update(finish);
        }

        pending.RemoveRange(0, done);
    }

    private static TraceResult Summarize(
        PlanetLabTrace trace, DataCenterSpec spec, IConsolidationPolicy policy, DataCenterState state, int migrations)
    {
        var ledger = state.Ledger;
        var energyWattSeconds = state.EnergyWattSeconds;
        if (!policy.IsPowerAware)
        {
            energyWattSeconds = 0;
            for (var host = 0; host < spec.HostCount; host++)
            {
                energyWattSeconds += spec.HostTypeOf(host).Power.MaxWatts * spec.DurationSeconds;
            }
        }

        return new TraceResult(
            policy.Name,
            trace.Source,
            spec.HostCount,
            trace.VmCount,
            state.Time,
            energyWattSeconds / 3_600_000,
            ledger.ActiveHostSeconds > 0 ? ledger.OverloadedHostSeconds / ledger.ActiveHostSeconds : 0,
            ledger.RequestedMipsSeconds > 0 ? ledger.MigrationLostMipsSeconds / ledger.RequestedMipsSeconds : 0,
            migrations,
            ledger.HostPowerOffs,
            state.PeakHostRamMb,
            state.RamOvercommitSamples);
    }

    private readonly record struct PendingMigration(double Finish, int Sequence, int Vm, int Target)
        : IComparable<PendingMigration>
    {
        public int CompareTo(PendingMigration other)
        {
            var byTime = Finish.CompareTo(other.Finish);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
