namespace Cluster.Controller.Hosting;

/// <summary>The key of the VRM singleton proxy in Akka.Hosting's ActorRegistry.</summary>
public sealed class VrmProxyKey;
