using System.Text.Json.Serialization;
using Cluster.Actors.Remote.Serialization;

namespace Cluster.Actors.Tests.Remote;

public sealed record Ping(int Seq, string Text);

public sealed record Status(string Host, double CpuLoad, IReadOnlyList<string> Vms);

[JsonSerializable(typeof(Ping))]
[JsonSerializable(typeof(Status))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

internal static class TestRegistry
{
    public static MessageRegistry Create()
    {
        var registry = new MessageRegistry();
        registry.RegisterContext(TestJsonContext.Default, type => type.Name.ToLowerInvariant() + ".v1");
        return registry;
    }
}
