using System.Globalization;
using Cluster.Simulation.Scenarios;

namespace Cluster.Simulation.Invariants;

/// <summary>
/// Runs one set of invariants over one run and keeps what broke. Arrays and a plain loop, as the step checks run
/// after every simulated second of every scenario and seed.
/// </summary>
public sealed class InvariantChecks
{
    private readonly IInvariant[] _everyStep;
    private readonly IInvariant[] _whenSettled;
    private readonly InvariantContext _context;
    private readonly List<InvariantViolation> _violations = [];

    public InvariantChecks(IEnumerable<IInvariant> invariants, InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(invariants);
        var all = invariants.ToList();
        _everyStep = [.. all.Where(i => i.Scope == InvariantScope.EveryStep)];
        _whenSettled = [.. all.Where(i => i.Scope == InvariantScope.WhenSettled)];
        _context = context;
    }

    public IReadOnlyList<InvariantViolation> Violations => _violations;

    /// <summary>After a step; <paramref name="elapsed"/> is the run's clock, for the report.</summary>
    public void AfterStep(TimeSpan elapsed) => Run(_everyStep, atEnd: false, elapsed, "at {0}");

    public void WhenSettled(TimeSpan elapsed) => Run(_whenSettled, atEnd: false, elapsed, "settled at {0}");

    public void AtEnd(TimeSpan elapsed) => Run(_everyStep, atEnd: true, elapsed, "at the end ({0})");

    private void Run(IInvariant[] invariants, bool atEnd, TimeSpan elapsed, string when)
    {
        _context.BeginRound(atEnd);
        for (var i = 0; i < invariants.Length; i++)
        {
            if (invariants[i].Check(_context) is { } description)
            {
                _violations.Add(new InvariantViolation(invariants[i].Name, string.Format(CultureInfo.InvariantCulture, when, Durations.Clock(elapsed)), description));
            }
        }
    }
}
