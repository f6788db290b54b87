namespace Cluster.Simulation.Tests.World;

public sealed record Ping(int N);

public sealed record Pong(int N);

public sealed record Add(int Amount);

public sealed record Added(int Amount);

public sealed record GetTotal;

public sealed record Total(int Value, long Epoch);

public sealed record ReadDisk(string Path);

public sealed record DiskRead(string Path, int Bytes);
