namespace Cluster.TestKit;

/// <summary>A failed expectation of a probe: the message says what was expected and what came instead.</summary>
public sealed class TestKitException(string message) : Exception(message);
