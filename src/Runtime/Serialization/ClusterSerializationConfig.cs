using Akka.Configuration;
using Akka.Hosting;
using Cluster.Messages;

namespace Cluster.Runtime.Serialization;

/// <summary>
/// Binds <see cref="ClusterWireSerializer"/> to the <see cref="IWireMessage"/> marker, which every message, event and
/// admin DTO implements: Akka picks the binding of the most specific type, so nothing of ours reaches the default
/// (Newtonsoft) serializer, while Akka's own system messages keep their built-in serializers.
/// </summary>
public static class ClusterSerializationConfig
{
    public const string SerializerName = "cluster-wire";

    public static Config Hocon { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.{{SerializerName}} = "{{HoconTypeName(typeof(ClusterWireSerializer))}}"
          serialization-bindings {
            "{{HoconTypeName(typeof(IWireMessage))}}" = {{SerializerName}}
          }
          serialization-identifiers {
            "{{HoconTypeName(typeof(ClusterWireSerializer))}}" = {{ClusterWireSerializer.SerializerId}}
          }
        }
        """);

    /// <summary>"Namespace.Type, Assembly": what Akka's Type.GetType lookup needs, without a version to go stale.</summary>
    internal static string HoconTypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>The same binding through Akka.Hosting, for the processes that start Akka from a generic host.</summary>
    public static AkkaConfigurationBuilder AddClusterWireSerializer(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(Hocon, HoconAddMode.Prepend);
    }
}
