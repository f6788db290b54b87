namespace Cluster.Deciders;

/// <summary>A message a step sends once its events are stored.</summary>
public readonly record struct Outbound(Peer To, object Message);
