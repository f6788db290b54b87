namespace Cluster.Persistence;

/// <summary>Tags live in one comma-separated column; a tag search wraps both sides in commas to match whole tags.</summary>
internal static class TagCodec
{
    public static string Encode(IReadOnlyList<string> tags) => string.Join(',', tags);

    public static IReadOnlyList<string> Decode(string tags) => tags.Length == 0 ? [] : tags.Split(',');

    public static string SearchTerm(string tag) => "," + tag + ",";
}
