using System.Diagnostics;
using System.Text.Json.Nodes;
using Encryption.Cli.Tests.Support;
using Encryption.Core.Tests.Support;

namespace Encryption.Cli.Tests;

public sealed class DiagnoseCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task HostCountersOverOneSecondWithoutAnAgent()
    {
        if (!File.Exists("/proc/net/xfrm_stat"))
            return; // kernel without CONFIG_XFRM_STATISTICS: nothing to read
        var cli = Path.Join(AppContext.BaseDirectory, "encrypt.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli, "diagnose", "--window", "1s", "--socket", temp.Combine("no-agent.sock") })
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output + error);
        Assert.StartsWith("no XFRM errors in the last 1s\n", output);
        Assert.Contains($"diagnosed without agent events: no agent socket at {temp.Combine("no-agent.sock")}", output);
    }

    [Fact]
    public async Task JsonReportOfACountersFile()
    {
        var stat = temp.Write("xfrm_stat", "XfrmInError             \t0\nXfrmInNoStates          \t7\nXfrmOutPolBlock         \t2\n");

        var (exit, output) = await CliRunner.RunAsync("diagnose", "--window", "100ms", "--json", "--xfrm-stat", stat, "--socket", temp.Combine("no-agent.sock"));

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("100ms", (string?)json["window"]);
        Assert.Empty(json["errors"]!.AsArray());
        Assert.Null(json["events"]);
        Assert.StartsWith("no agent socket at", (string?)json["agent-note"]);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("ten")]
    public async Task BadWindowsAreRefused(string window)
    {
        var (exit, output) = await CliRunner.RunAsync("diagnose", "--window", window);

        Assert.NotEqual(0, exit);
        Assert.Contains("--window must be a positive duration", output);
    }

    [Fact]
    public async Task MissingCountersFileIsReported()
    {
        var (exit, output) = await CliRunner.RunAsync("diagnose", "--window", "10ms", "--xfrm-stat", temp.Combine("absent"), "--socket", temp.Combine("no-agent.sock"));

        Assert.Equal(1, exit);
        Assert.Contains("lacks CONFIG_XFRM_STATISTICS", output);
    }
}
