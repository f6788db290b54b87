namespace Cluster.Runtime;

/// <summary>Values spliced into HOCON text by the config builders.</summary>
internal static class HoconText
{
    /// <summary>"Namespace.Type, Assembly": what Akka's Type.GetType lookup needs, without a version to go stale.</summary>
    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>A double-quoted HOCON string (connection strings hold '=', ';' and sometimes quotes or backslashes).</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Millis(TimeSpan span) => FormattableString.Invariant($"{(long)span.TotalMilliseconds}ms");
}
