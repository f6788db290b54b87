namespace Cluster.Shell.Parsing;

/// <summary>How results are printed: human tables, or the server's JSON as it came.</summary>
public enum OutputFormat
{
    Table,
    Json,
}
