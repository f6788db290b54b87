namespace Cluster.Integration.Tests.DocExamples;

/// <summary>One <c>$ command</c> of a console block and the output the page shows under it.</summary>
public sealed record DocExample(string Command, IReadOnlyList<string> Output)
{
    public string Text => string.Join('\n', Output);
}
