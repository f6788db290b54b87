namespace Cluster.Controller.Admin;

/// <summary>No VRM can be asked from this controller right now (none is active, or this one is starting); the API answers 503.</summary>
public sealed class VrmUnavailableException(string reason) : Exception(reason);
