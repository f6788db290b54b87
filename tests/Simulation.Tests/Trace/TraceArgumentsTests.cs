using Cluster.Simulation.Cli;

namespace Cluster.Simulation.Tests.Trace;

public sealed class TraceArgumentsTests
{
    [Fact]
    public void Defaults_to_lr_mmt_on_800_hosts_for_the_whole_day()
    {
        var parsed = TraceArguments.Parse(["day.txt"], out _);

        Assert.Equal(new TraceArguments("day.txt", "lr-mmt-1.2", 800, null, false, false), parsed);
    }

    [Fact]
    public void Reads_every_option()
    {
        var parsed = TraceArguments.Parse(
            ["day.txt", "--policy", "iqr-1.5", "--hosts", "40", "--hours", "2.5", "--output", "json", "--ram-limit"], out _);

        Assert.Equal(new TraceArguments("day.txt", "iqr-1.5", 40, 2.5, true, true), parsed);
    }

    [Theory]
    [InlineData("--policy", "lr-abc", "--policy: unknown policy 'lr-abc'; valid: npa, dvfs")]
    [InlineData("--hosts", "0", "--hosts: expected a positive integer, got '0'")]
    [InlineData("--hours", "25", "--hours: expected a number of hours in (0, 24], got '25'")]
    [InlineData("--output", "xml", "--output: expected 'table' or 'json', got 'xml'")]
    [InlineData("--frobnicate", "1", "--frobnicate: unknown argument")]
    public void A_bad_argument_is_named_in_one_line(string option, string value, string expectedStart)
    {
        Assert.Null(TraceArguments.Parse(["day.txt", option, value], out var error));
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        Assert.Null(TraceArguments.Parse(["--policy", "dvfs"], out var error));
        Assert.Equal("FILE: missing the PlanetLab trace file", error);
    }

    [Fact]
    public void The_command_exits_2_on_a_bad_argument_and_1_on_a_malformed_trace()
    {
        var errors = new StringWriter();
        Assert.Equal(2, TraceCommand.Run(["day.txt", "--hosts", "x"], TextWriter.Null, errors));

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "vm\t1 2 3\n");
            errors = new StringWriter();
            Assert.Equal(1, TraceCommand.Run([file, "--output", "json"], TextWriter.Null, errors));
            Assert.Equal($"{file}:1: expected 288 values, found 3", errors.ToString().Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_prints_every_option_and_exits_0_without_reading_a_trace(string flag)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = TraceCommand.Run(["day-that-does-not-exist.txt", flag], output, errors);

        Assert.Equal(0, exit);
        Assert.Empty(errors.ToString());
        foreach (var option in new[] { "--policy", "--hosts", "--hours", "--output", "--ram-limit" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }
}
