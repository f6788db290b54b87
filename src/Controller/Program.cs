namespace Cluster.Controller;

public static class Program
{
    public static int Main() => 0;
}
