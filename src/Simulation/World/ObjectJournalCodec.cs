namespace Cluster.Simulation.World;

/// <summary>Stores events and snapshots as the objects themselves: the fastest, for toy deciders and speed runs.</summary>
public sealed class ObjectJournalCodec : IJournalCodec
{
    public static readonly ObjectJournalCodec Instance = new();

    private ObjectJournalCodec()
    {
    }

    public object Encode(object value) => value;

    public object Decode(object stored) => stored;
}
