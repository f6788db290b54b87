using System.Net;
using System.Net.Sockets;

namespace Cluster.Integration.Tests;

/// <summary>Where the Controller and HostNode builds are (same configuration as this test assembly), and free ports.</summary>
internal static class Binaries
{
    public static string Controller => Dll("Controller", "Cluster.Controller.dll");

    public static string HostNode => Dll("HostNode", "Cluster.HostNode.dll");

    public static string Shell => Dll("Shell", "cluster-shell.dll");

    /// <summary>Nobody listens on <paramref name="port"/> of 127.0.0.1 and it can be bound.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port nobody listens on right now (the OS picks it; a tiny race with other processes remains).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The checkout: the folder above this assembly that holds Cluster.sln.</summary>
    public static string Root
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cluster.sln")))
            {
                root = root.Parent;
            }

            return root?.FullName ?? throw new InvalidOperationException("Cluster.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Dll(string project, string file)
    {
        // This assembly runs from tests/Integration.Tests/bin/<Configuration>/<tfm>/.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var path = Path.Combine(Root, "src", project, "bin", configuration, tfm, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{file} is not built; build src/{project} in {configuration}", path);
    }
}
