using System.Data.Common;

namespace Cluster.Runtime.Tests.Support;

internal static class DbCommandReading
{
    public static IReadOnlyList<object[]> ReadAll(this DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
