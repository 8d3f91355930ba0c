using System.Buffers.Binary;

namespace Netlink.Tests;

public class NetlinkClientTests
{
    private static void EncodeProbe(ref NetlinkWriter w, uint value)
    {
        var m = w.BeginMessage(0x10, NetlinkFlags.None);
        w.WriteU32(1, value);
        w.End(m);
    }

    private static uint Value(byte[] request) => BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(20));

    private static uint DecodeValue(NetlinkMessage message)
    {
        var attributes = message.Attributes(0);
        attributes.TryRead(out var a);
        return a.GetU32();
    }

    [Fact]
    public void ExecuteAddsRequestAndAckFlagsAndReturnsOnAck()
    {
        var kernel = new ScriptedKernel(request => [Replies.Ack(request)]);
        using var client = new NetlinkClient(kernel);

        client.Execute("probe", (ref NetlinkWriter w) => EncodeProbe(ref w, 7));

        var header = NetlinkHeader.Read(kernel.Requests.Single());
        Assert.Equal(NetlinkFlags.Request | NetlinkFlags.Ack, header.Flags);
        Assert.NotEqual(0u, header.Sequence);
    }

    [Fact]
    public void KernelErrorBecomesNetlinkExceptionWithOperationErrnoAndKernelText()
    {
        var kernel = new ScriptedKernel(request => [Replies.Error(request, 17, "state exists")]);
        using var client = new NetlinkClient(kernel);

        var error = Assert.Throws<NetlinkException>(() => client.Execute("add thing", (ref NetlinkWriter w) => EncodeProbe(ref w, 1)));

        Assert.Equal("add thing", error.Operation);
        Assert.Equal(17, error.Errno);
        Assert.Equal("EEXIST", error.ErrnoName);
        Assert.Equal("state exists", error.KernelMessage);
        Assert.True(error.IsAlreadyExists);
    }

    [Fact]
    public void RepliesToOtherSequenceNumbersAreIgnored()
    {
        var kernel = new ScriptedKernel(request =>
        {
            var stale = (byte[])request.Clone();
            BinaryPrimitives.WriteUInt32LittleEndian(stale.AsSpan(8), Replies.Seq(request) + 1000);
            return [Replies.Error(stale, 2), Replies.Ack(request)];
        });
        using var client = new NetlinkClient(kernel);

        client.Execute("probe", (ref NetlinkWriter w) => EncodeProbe(ref w, 1));
    }

    [Fact]
    public void SequenceNumbersIncreaseAcrossRequests()
    {
        var kernel = new ScriptedKernel(request => [Replies.Ack(request)]);
        using var client = new NetlinkClient(kernel);

        client.Execute("a", (ref NetlinkWriter w) => EncodeProbe(ref w, 1));
        client.Execute("b", (ref NetlinkWriter w) => EncodeProbe(ref w, 2));

        Assert.Equal(Replies.Seq(kernel.Requests[0]) + 1, Replies.Seq(kernel.Requests[1]));
    }

    [Fact]
    public void DumpCollectsEveryPartUntilDone()
    {
        var kernel = new ScriptedKernel(request => [Replies.DumpPart(request, [1, 2], done: false), Replies.DumpPart(request, [3], done: true)]);
        using var client = new NetlinkClient(kernel);

        var values = client.Dump<uint?>("dump", (ref NetlinkWriter w) => EncodeProbe(ref w, 0), m => DecodeValue(m));

        Assert.Equal(new uint?[] { 1, 2, 3 }, values);
        Assert.Equal(NetlinkFlags.Request | NetlinkFlags.Dump, NetlinkHeader.Read(kernel.Requests[0]).Flags);
    }

    [Fact]
    public void InterruptedDumpIsRestartedAndOnlyTheCleanRunIsReturned()
    {
        var attempt = 0;
        var kernel = new ScriptedKernel(request => ++attempt == 1
            ? [Replies.DumpPart(request, [1], done: false), Replies.DumpPart(request, [9], done: true, NetlinkFlags.DumpInterrupted)]
            : [Replies.DumpPart(request, [1, 2], done: true)]);
        using var client = new NetlinkClient(kernel);

        var values = client.Dump<uint?>("dump", (ref NetlinkWriter w) => EncodeProbe(ref w, 0), m => DecodeValue(m));

        Assert.Equal(new uint?[] { 1, 2 }, values);
        Assert.Equal(2, attempt);
    }

    [Fact]
    public void DumpThatStaysInterruptedFailsAfterTheAttemptLimit()
    {
        var kernel = new ScriptedKernel(request => [Replies.DumpPart(request, [1], done: true, NetlinkFlags.DumpInterrupted)]);
        using var client = new NetlinkClient(kernel, new NetlinkClientOptions { MaxDumpAttempts = 3 });

        var error = Assert.Throws<NetlinkException>(() => client.Dump<uint?>("dump states", (ref NetlinkWriter w) => EncodeProbe(ref w, 0), m => DecodeValue(m)));

        Assert.Equal(3, kernel.Requests.Count);
        Assert.Contains("interrupted 3 times", error.Message);
    }

    [Fact]
    public void BatchReportsAFailureOnlyForTheRequestThatFailed()
    {
        var kernel = new ScriptedKernel(request => Value(request) == 42 ? [Replies.Error(request, 22, "bad prefix")] : [Replies.Ack(request)]);
        using var client = new NetlinkClient(kernel);

        var result = client.ExecuteBatch(100, (ref NetlinkWriter w, int i) => EncodeProbe(ref w, (uint)i), i => $"item {i}");

        Assert.Equal(100, result.Count);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(42, failure.Index);
        Assert.Equal("item 42", failure.Error.Operation);
        Assert.Equal("bad prefix", failure.Error.KernelMessage);
        Assert.Null(result.ErrorAt(41));
        Assert.Null(result.ErrorAt(43));
    }

    [Fact]
    public void BatchPacksManyRequestsPerSendButNeverExceedsTheReplyWindow()
    {
        var kernel = new ScriptedKernel(request => [Replies.Ack(request)], maxOutstandingReplies: 50);
        using var client = new NetlinkClient(kernel);

        var result = client.ExecuteBatch(1000, (ref NetlinkWriter w, int i) => EncodeProbe(ref w, (uint)i), i => $"item {i}");

        Assert.True(result.AllSucceeded);
        Assert.Equal(1000, kernel.Requests.Count);
        Assert.True(kernel.PeakQueuedReplies <= 50, $"peak {kernel.PeakQueuedReplies} replies queued");
        Assert.True(kernel.SendCalls <= 1000 / 50 * 2, $"{kernel.SendCalls} sends for 1000 requests");
        var sequences = kernel.Requests.Select(Replies.Seq).ToList();
        Assert.Equal(sequences.Distinct().Count(), sequences.Count);
    }

    [Fact]
    public void BatchSurfacesLostRepliesAsResyncRequired()
    {
        var kernel = new ScriptedKernel(request => [Replies.Ack(request)]) { OverrunOnNextReceive = true };
        using var client = new NetlinkClient(kernel);

        var error = Assert.Throws<NetlinkResyncRequiredException>(() =>
            client.ExecuteBatch(10, (ref NetlinkWriter w, int i) => EncodeProbe(ref w, (uint)i), i => $"item {i}"));

        Assert.Equal("ENOBUFS", error.ErrnoName);
    }

    [Fact]
    public void EmptyBatchSendsNothing()
    {
        var kernel = new ScriptedKernel(request => [Replies.Ack(request)]);
        using var client = new NetlinkClient(kernel);

        var result = client.ExecuteBatch(0, (ref NetlinkWriter w, int i) => EncodeProbe(ref w, 0), i => "x");

        Assert.Equal(0, result.Count);
        Assert.Equal(0, kernel.SendCalls);
    }

    [Fact]
    public void GetDecodesTheSingleReply()
    {
        var kernel = new ScriptedKernel(request => [Replies.DumpPart(request, [77], done: false)]);
        using var client = new NetlinkClient(kernel);

        var value = client.Get("get", (ref NetlinkWriter w) => EncodeProbe(ref w, 0), DecodeValue);

        Assert.Equal(77u, value);
        Assert.Equal(NetlinkFlags.Request, NetlinkHeader.Read(kernel.Requests[0]).Flags);
    }

    [Fact]
    public void EncoderWritingTwoMessagesIsRefused()
    {
        var kernel = new ScriptedKernel(request => [Replies.Ack(request)]);
        using var client = new NetlinkClient(kernel);

        Assert.Throws<InvalidOperationException>(() => client.Execute("twice", (ref NetlinkWriter w) =>
        {
            EncodeProbe(ref w, 1);
            EncodeProbe(ref w, 2);
        }));
    }
}
