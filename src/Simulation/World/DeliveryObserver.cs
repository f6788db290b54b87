using Cluster.Deciders;

namespace Cluster.Simulation.World;

/// <summary>Called for every input just before a decider gets it: messages, timer firings and effect results alike.</summary>
public delegate void DeliveryObserver(TimeSpan elapsed, Peer from, SimAddress to, object message);
