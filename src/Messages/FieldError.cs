namespace Cluster.Messages;

/// <summary>One validation failure: the JSON path of the offending field and why it is wrong.</summary>
public sealed record FieldError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";

    /// <summary>One line for a list of errors: the error itself when there is one, else how many fields are at fault.</summary>
    public static string Summarize(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} fields are invalid";
    }
}
