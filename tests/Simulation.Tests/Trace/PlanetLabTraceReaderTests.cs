using Cluster.Simulation.Trace;

namespace Cluster.Simulation.Tests.Trace;

public sealed class PlanetLabTraceReaderTests
{
    private static string Values(int count, int value = 7) => string.Join(' ', Enumerable.Repeat(value, count));

    private static PlanetLabTrace Parse(string text) => PlanetLabTraceReader.Parse(new StringReader(text), "day.txt");

    private static string ErrorOf(string text) => Assert.Throws<TraceFormatException>(() => Parse(text)).Message;

    [Fact]
    public void Reads_names_with_spaces_and_every_sample_in_line_order()
    {
        var first = string.Join(' ', Enumerable.Range(0, 288).Select(i => i % 100));
        var trace = Parse($"b host one\t{first}\nA\t{Values(288, 99)}\n");

        Assert.Equal(["b host one", "A"], trace.VmNames.ToArray());
        Assert.Equal(42, trace.Sample(0, 42));
        Assert.Equal(87, trace.Sample(0, 287));
        Assert.Equal(99, trace.Sample(1, 0));
    }

    [Fact]
    public void Too_few_values_name_the_line_and_the_count()
    {
        var message = ErrorOf($"a\t{Values(288)}\nb\t{Values(287)}\n");

        Assert.Equal("day.txt:2: expected 288 values, found 287", message);
    }

    [Fact]
    public void Too_many_values_are_reported()
    {
        Assert.Equal("day.txt:1: expected 288 values, found more than 288", ErrorOf($"a\t{Values(289)}"));
    }

    [Theory]
    [InlineData("101", "value 5 is 101, outside 0..100")]
    [InlineData("-1", "value 5 is -1, outside 0..100")]
    [InlineData("1.5", "value 5 '1.5' is not an integer")]
    [InlineData("x", "value 5 'x' is not an integer")]
    public void Bad_values_name_the_position_and_the_reason(string bad, string reason)
    {
        var values = Enumerable.Repeat("3", 288).ToArray();
        values[4] = bad;

        Assert.Equal($"day.txt:1: {reason}", ErrorOf($"a\t{string.Join(' ', values)}"));
    }

    [Fact]
    public void A_line_without_a_tab_is_reported()
    {
        Assert.Equal("day.txt:1: expected a VM name, a TAB and 288 integers", ErrorOf(Values(288)));
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        Assert.Equal("day.txt:0: no VM lines", ErrorOf(""));
    }
}
