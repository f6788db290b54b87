using Cluster.Actors.Remote;

namespace Cluster.Actors;

/// <summary>
/// Where an actor lives: the node it belongs to and its place in that node's hierarchy,
/// e.g. <c>vrm@10.0.0.1:9000/user/inventory/host-7</c>. The uid tells incarnations apart: a new
/// actor created under the same name after the old one stopped is a different actor.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _elements;

    public ActorPath(NodeAddress address, string elements, long uid = 0)
    {
        Address = address;
        _elements = elements.Length == 0 ? "/" : elements;
        Uid = uid;
    }

    public NodeAddress Address { get; }

    /// <summary>The path inside the node, starting with '/'.</summary>
    public string Elements => _elements;

    public long Uid { get; }

    public string Name => _elements.Length <= 1 ? string.Empty : _elements[(_elements.LastIndexOf('/') + 1)..];

    public ActorPath Child(string name, long uid = 0) =>
        new(Address, _elements == "/" ? "/" + name : _elements + "/" + name, uid);

    /// <summary>Full form used on the wire: <c>system@host:port/user/a#uid</c>.</summary>
    public string ToSerializationFormat() => Uid == 0 ? $"{Address}{_elements}" : $"{Address}{_elements}#{Uid}";

    public static ActorPath Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"actor path '{text}' has no node address before its first '/'");
        }

        var address = NodeAddress.Parse(text[..slash]);
        var rest = text[slash..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        long uid = 0;
        if (hash >= 0)
        {
            if (!long.TryParse(rest.AsSpan(hash + 1), out uid))
            {
                throw new FormatException($"actor path '{text}' has a uid that is not a number");
            }

            rest = rest[..hash];
        }

        return new ActorPath(address, rest, uid);
    }

    // Equality ignores the uid, as Akka's does: a path names a place, the uid an occupant.
    public bool Equals(ActorPath? other) =>
        other is not null && Address.Equals(other.Address) && string.Equals(_elements, other._elements, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => HashCode.Combine(Address, _elements);

    public override string ToString() => $"{Address}{_elements}";
}
