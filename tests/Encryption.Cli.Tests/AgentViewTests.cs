using System.Text.Json.Nodes;
using Encryption.Cli.Tests.Support;
using Encryption.Core.Tests.Support;

namespace Encryption.Cli.Tests;

/// <summary><c>keys status</c> and <c>diagnose</c> with an agent answering on its status socket.</summary>
public sealed class AgentViewTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static JsonObject Model(params (DateTimeOffset Time, string Kind, string Detail)[] events) => new()
    {
        ["mode"] = "IPsec",
        ["ipsec"] = new JsonObject
        {
            ["decrypt-interfaces"] = new JsonArray("eth0"),
            ["keys-in-use"] = 4,
            ["max-seq-number"] = "0xf000000000000000/0xffffffffffffffff",
            ["key-ids"] = new JsonArray(3, 4),
            ["advertised-key-id"] = 4,
            ["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
            {
                ["time"] = e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
                ["kind"] = e.Kind,
                ["detail"] = e.Detail,
            })]),
        },
    };

    [Fact]
    public async Task KeysStatusAddsTheAgentsView()
    {
        var path = temp.Write("keys", "4+ rfc4106(gcm(aes)) 0123456789abcdef0123456789abcdef01234567 128\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var agent = await FakeAgent.StartAsync(temp.Combine("agent.sock"), Model());

        var (exit, output) = await CliRunner.RunAsync("keys", "status", "--file", path, "--socket", agent.Socket);

        Assert.Equal(0, exit);
        Assert.Contains("Agent: IPsec, keys in use: 4, max seq. number: 0xf000000000000000/0xffffffffffffffff, health: Ok", output);
        Assert.Contains("Agent key IDs: 3, 4 (advertised: 4)", output);
    }

    [Fact]
    public async Task DiagnoseListsTheAgentsEventsOfTheWindowAndFlagsSequenceExhaustion()
    {
        var stat = temp.Write("xfrm_stat", "XfrmInNoStates 0\n");
        var soon = DateTimeOffset.MaxValue;
        await using var agent = await FakeAgent.StartAsync(temp.Combine("agent.sock"),
            () => Model((soon.AddHours(-1), "rotation", "key 2 -> 3 (an hour ago)"), (soon, "rotation", "key 3 -> 4")));
        soon = DateTimeOffset.UtcNow.AddMilliseconds(300); // inside the window that starts now

        var (exit, output) = await CliRunner.RunAsync("diagnose", "--window", "1s", "--xfrm-stat", stat, "--socket", agent.Socket);

        Assert.Equal(0, exit);
        Assert.StartsWith("no XFRM errors in the last 1s\n", output);
        Assert.Contains("output sequence number near exhaustion: 0xf000000000000000/0xffffffffffffffff (93.8% of 2^64, ESN)", output);
        Assert.Contains("rotation: key 3 -> 4", output);
        Assert.DoesNotContain("an hour ago", output);
    }
}
