using System.Net.Sockets;
using System.Text.Json;
using Cluster.Actors.Remote.Serialization;

namespace Cluster.Actors.Remote.Tcp;

/// <summary>Turns why a connection failed into the short reason its log line carries.</summary>
internal static class ConnectionFault
{
    public static string Describe(Exception exception) => exception switch
    {
        WireProtocolException or UnknownManifestException => exception.Message,
        JsonException json => $"malformed message payload: {json.Message}",
        SocketException socket => $"socket error {socket.SocketErrorCode}",
        IOException { InnerException: SocketException socket } => $"socket error {socket.SocketErrorCode}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
