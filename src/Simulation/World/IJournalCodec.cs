namespace Cluster.Simulation.World;

/// <summary>
/// How the simulated journal and snapshot store keep what deciders persist: as the objects themselves, or in their
/// wire form, so an event that could not be stored for real fails the simulation too.
/// </summary>
public interface IJournalCodec
{
    object Encode(object value);

    object Decode(object stored);
}
