using System.Text;
using Akka.Configuration;
using Akka.Hosting;

namespace Cluster.Controller.Serialization;

/// <summary>Binds <see cref="ControllerWireSerializer"/> to each type of <see cref="ControllerManifest"/>.</summary>
public static class ControllerSerializationConfig
{
    public const string SerializerName = "controller-wire";

    public static Config Hocon { get; } = Build();

    public static AkkaConfigurationBuilder AddControllerSerializer(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(Hocon, HoconAddMode.Prepend);
    }

    private static Config Build()
    {
        var bindings = new StringBuilder();
        foreach (var (_, type) in ControllerManifest.Entries)
        {
            bindings.Append('"').Append(TypeName(type)).Append("\" = ").AppendLine(SerializerName);
        }

        return ConfigurationFactory.ParseString($$"""
            akka.actor {
              serializers.{{SerializerName}} = "{{TypeName(typeof(ControllerWireSerializer))}}"
              serialization-bindings {
                {{bindings}}
              }
              serialization-identifiers {
                "{{TypeName(typeof(ControllerWireSerializer))}}" = {{ControllerWireSerializer.SerializerId}}
              }
            }
            """);
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
