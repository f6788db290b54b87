using Cluster.Messages;

namespace Cluster.Simulation.Scenarios;

/// <summary>What a migration moves, as a scenario's log shows it: hosts, datastores, or both.</summary>
public static class MigrationMoves
{
    public static string Describe(MigrationKind kind, HostId source, HostId? target, DatastoreId? from, DatastoreId? to) => kind switch
    {
        MigrationKind.Storage => $"storage on {source} {from}->{to}",
        MigrationKind.SharedNothing => $"{source}->{target} and {from}->{to}",
        MigrationKind.Cold => $"cold on {source} {from}->{to}",
        _ => $"{source}->{target?.Value ?? "any"}",
    };
}
