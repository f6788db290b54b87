using System.Runtime.CompilerServices;

// The wire tests speak the handshake from raw sockets with the real helpers, not a copy of them.
[assembly: InternalsVisibleTo("Cluster.Actors.Tests")]
