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
          serializers.{{SerializerName}} = "{{HoconText.TypeName(typeof(ClusterWireSerializer))}}"
          serialization-bindings {
            "{{HoconText.TypeName(typeof(IWireMessage))}}" = {{SerializerName}}
          }
          serialization-identifiers {
            "{{HoconText.TypeName(typeof(ClusterWireSerializer))}}" = {{ClusterWireSerializer.SerializerId}}
          }
        }
        """);

    /// <summary>The same binding through Akka.Hosting, for the processes that start Akka from a generic host.</summary>
    public static AkkaConfigurationBuilder AddClusterWireSerializer(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(Hocon, HoconAddMode.Prepend);
    }
}
